using System.Text;
using Relief.Fhir.Reading;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

public class ReadErrorTests
{
    private static FhirReadError Fails(string json, FhirReadOptions? options = null)
    {
        var result = FhirBundleReader.Read(Encoding.UTF8.GetBytes(json), options);
        Assert.True(result.Failed, "expected the read to fail");
        Assert.Null(result.Record);
        Assert.DoesNotContain('\n', result.Error.Message);
        return result.Error;
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n\t ")]
    public void Empty_input_is_refused(string json) =>
        Assert.Equal(new FhirReadError(FhirReadErrorKind.Empty, "the input is empty: expected a FHIR R4 Bundle in JSON"), Fails(json));

    [Fact]
    public void Malformed_json_says_line_and_byte()
    {
        var error = Fails("{\n  \"resourceType\": \"Bundle\",\n  \"type\": collection\n}");
        Assert.Equal(FhirReadErrorKind.MalformedJson, error.Kind);
        Assert.StartsWith("malformed JSON at line 3, byte 11: ", error.Message);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_malformed_and_says_line_and_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\n\"type\":\"collection\",\"id\":\"")
            .Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();

        var result = FhirBundleReader.Read(bytes);

        Assert.Equal(FhirReadErrorKind.MalformedJson, result.Error?.Kind);
        Assert.StartsWith("not UTF-8 text at line 2, byte 27", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_json_is_malformed()
    {
        var error = Fails("""{ "resourceType": "Bundle", "entry": [ { "resource": """);
        Assert.Equal(FhirReadErrorKind.MalformedJson, error.Kind);
        Assert.StartsWith("malformed JSON at line 1", error.Message);
    }

    [Fact]
    public void Stray_brace_after_the_document_is_trailing_content()
    {
        var error = Fails(Bundles.With() + "\n}\n");
        Assert.Equal(
            new FhirReadError(FhirReadErrorKind.TrailingContent, "trailing content after the JSON document at line 2, byte 1: \"}\"; the input must hold exactly one JSON value"),
            error);
    }

    [Fact]
    public void Second_document_after_the_first_is_trailing_content() =>
        Assert.Equal(FhirReadErrorKind.TrailingContent, Fails(Bundles.With() + Bundles.With()).Kind);

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"Bundle\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public void Json_value_that_is_not_an_object_is_refused(string json, string found) =>
        Assert.Equal(new FhirReadError(FhirReadErrorKind.NotAnObject, $"expected a FHIR Bundle (a JSON object), found {found}"), Fails(json));

    [Fact]
    public void Resource_that_is_not_a_bundle_is_refused() =>
        Assert.Equal(new FhirReadError(FhirReadErrorKind.NotABundle, "expected a FHIR Bundle, found Patient"), Fails(Bundles.Patient));

    [Fact]
    public void Object_without_resource_type_is_refused() =>
        Assert.Equal(
            new FhirReadError(FhirReadErrorKind.NotABundle, "expected a FHIR Bundle, found a JSON object without resourceType"),
            Fails("""{ "entry": [] }"""));

    [Fact]
    public void Cds_hooks_request_is_named_as_such() =>
        Assert.Equal(
            "expected a FHIR Bundle, found a CDS Hooks request (patient-view); its prefetch is read by PatientRecordReader.FromResources",
            Fails("""{ "hook": "patient-view", "hookInstance": "x", "context": { "patientId": "p1" }, "prefetch": {} }""").Message);

    [Fact]
    public void Dstu2_bundle_is_refused_with_its_evidence()
    {
        var error = Fails(Bundles.Of(
            """{ "resourceType": "Patient", "id": "p", "name": [ { "family": [ "Jackson" ] } ] }""",
            """{ "resourceType": "MedicationOrder", "id": "mo", "status": "active", "patient": { "reference": "Patient/p" } }"""));
        Assert.Equal(
            new FhirReadError(
                FhirReadErrorKind.UnsupportedVersion,
                "unsupported FHIR version: this looks like DSTU2 (MedicationOrder is a DSTU2 resource type; Patient.name.family is a list (DSTU2; a string in R4)); Relief reads FHIR R4"),
            error);
    }

    [Fact]
    public void Condition_with_plain_code_statuses_and_no_r4_shape_is_refused_as_older_fhir()
    {
        var error = Fails(Bundles.With($$"""{ "resourceType": "Condition", "id": "c", {{Bundles.Subject}}, "clinicalStatus": "active", "verificationStatus": "confirmed" }"""));
        Assert.Equal(FhirReadErrorKind.UnsupportedVersion, error.Kind);
        Assert.StartsWith("unsupported FHIR version: this looks like DSTU2 or STU3 (Condition.clinicalStatus is a plain code", error.Message);
    }

    [Fact]
    public void R5_medication_element_is_refused() =>
        Assert.Contains(
            "this looks like R5 (MedicationRequest.medication is a CodeableReference",
            Fails(Bundles.With($$"""{ "resourceType": "MedicationRequest", "id": "m", "status": "active", "intent": "order", {{Bundles.Subject}}, "medication": { "concept": { "text": "x" } } }""")).Message);

    [Fact]
    public void Declared_fhir_version_other_than_r4_is_refused() =>
        Assert.Equal(
            "unsupported FHIR version: Bundle declares meta.fhirVersion 3.0.2; Relief reads FHIR R4",
            Fails("""{ "resourceType": "Bundle", "meta": { "fhirVersion": "3.0.2" }, "type": "collection", "entry": [ { "resource": { "resourceType": "Patient", "id": "p" } } ] }""").Message);

    [Fact]
    public void Bundle_without_a_patient_is_refused() =>
        Assert.Equal(
            new FhirReadError(FhirReadErrorKind.NoPatient, "no Patient resource found; Relief needs the patient the record is about"),
            Fails(Bundles.Of("""{ "resourceType": "Condition", "id": "c", "code": { "text": "x" } }""")));

    [Fact]
    public void Bundle_with_two_patients_is_refused() =>
        Assert.Equal(
            new FhirReadError(FhirReadErrorKind.SeveralPatients, "found 2 patients (Patient/p1, Patient/p2); Relief assesses one patient per bundle"),
            Fails(Bundles.With("""{ "resourceType": "Patient", "id": "p2" }""")));

    [Fact]
    public void Same_patient_twice_is_one_patient() =>
        Assert.Equal("p1", Bundles.ReadOk(Bundles.With(Bundles.Patient)).Record!.Id);

    [Fact]
    public void Input_over_the_size_limit_is_refused_before_parsing()
    {
        var error = Fails(Bundles.With() + new string(' ', 2000), new FhirReadOptions { MaxBytes = 1000 });
        Assert.Equal(FhirReadErrorKind.TooLarge, error.Kind);
        Assert.Matches(@"^the input is \d+ bytes, over the 1000 bytes limit Relief reads$", error.Message);
    }

    [Fact]
    public void File_over_the_size_limit_is_refused_without_reading_it()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[3 * 1024 * 1024]);
            var result = FhirBundleReader.ReadFile(path, new FhirReadOptions { MaxBytes = 2 * 1024 * 1024 });
            Assert.Equal(new FhirReadError(FhirReadErrorKind.TooLarge, "the input is 3 MB, over the 2 MB limit Relief reads"), result.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Default_size_limit_is_64_megabytes() => Assert.Equal(64L * 1024 * 1024, FhirReadOptions.Default.MaxBytes);

    [Fact]
    public void Missing_file_is_not_found()
    {
        var result = FhirBundleReader.ReadFile("/nonexistent/bundle.json");
        Assert.Equal(FhirReadErrorKind.NotFound, result.Error!.Kind);
        Assert.Equal("no such file or directory", result.Error.Message);
    }

    [Fact]
    public void A_directory_given_as_a_file_is_unreadable()
    {
        var result = FhirBundleReader.ReadFile(Path.GetTempPath());
        Assert.Equal(FhirReadErrorKind.Unreadable, result.Error!.Kind);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_accepted()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Bundles.With())];
        Assert.True(FhirBundleReader.Read(bytes).Succeeded);
    }
}
