using System.Text.Json;
using Relief.Core.Patients;
using Relief.Fhir.Reading;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

/// <summary>Loose resources, as a CDS Hooks prefetch gives them, read by the same resource readers.</summary>
public class PatientRecordReaderTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Patient_and_searchset_bundles_make_one_record()
    {
        var result = PatientRecordReader.FromResources(
        [
            Json(Bundles.Patient),
            Json($$"""{ "resourceType": "Bundle", "type": "searchset", "entry": [ { "fullUrl": "https://ehr/fhir/Condition/c1", "resource": { "resourceType": "Condition", "id": "c1", {{Bundles.Subject}}, "code": { "text": "sciatica" } } } ] }"""),
            Json($$"""{ "resourceType": "MedicationRequest", "id": "draft1", "status": "draft", "intent": "order", {{Bundles.Subject}}, "medicationCodeableConcept": { "text": "tramadol" } }"""),
        ]);
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(("p1", 1, MedicationUse.Proposed), (result.Record.Id, result.Record.Conditions.Length, result.Record.Medications[0].Use));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Empty_prefetch_slots_are_passed_over()
    {
        var result = PatientRecordReader.FromResources([Json("null"), Json(Bundles.Patient), default]);
        Assert.True(result.Succeeded);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Named_patient_without_a_patient_resource_gets_a_record_with_a_warning()
    {
        var result = PatientRecordReader.FromResources(
            [Json($$"""{ "resourceType": "Condition", "id": "c1", {{Bundles.Subject}}, "code": { "text": "x" } }""")],
            patientId: "Patient/p1");
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(("p1", null, AdministrativeSex.Unknown, 1), (result.Record.Id, result.Record.BirthDate, result.Record.Sex, result.Record.Conditions.Length));
        Assert.Equal("Patient/p1: no Patient resource for Patient/p1; birth date and sex unknown", Assert.Single(result.Warnings).ToString());
    }

    [Fact]
    public void Patient_other_than_the_named_one_is_an_error()
    {
        var result = PatientRecordReader.FromResources([Json(Bundles.Patient)], patientId: "p2");
        Assert.Equal(
            new FhirReadError(FhirReadErrorKind.SeveralPatients, "found Patient/p1 besides Patient/p2, the patient named; Relief assesses one patient per read"),
            result.Error);
    }

    [Fact]
    public void Loose_resources_without_a_patient_are_refused() =>
        Assert.Equal(FhirReadErrorKind.NoPatient, PatientRecordReader.FromResources([]).Error!.Kind);

    public static TheoryData<string> WellFormedCdsHooksRequests()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.SharedData, "cds-hooks-requests", "requests"), "*.json", SearchOption.AllDirectories).Order())
        {
            try
            {
                using var _ = JsonDocument.Parse(File.ReadAllBytes(file));
                data.Add(Path.GetRelativePath(RepositoryPaths.SharedData, file));
            }
            catch (JsonException)
            {
                // The trailing-brace files are the bundle reader's TrailingContent case, tested there.
            }
        }

        return data;
    }

    /// <summary>The CDC opioid guideline's requests that are valid JSON: prefetch items and draftOrders read for context.patientId.</summary>
    [Trait(Requires.Key, Requires.SharedData)]
    [Theory]
    [MemberData(nameof(WellFormedCdsHooksRequests))]
    public void Cds_hooks_prefetch_reads_into_the_named_patients_record(string file)
    {
        using var request = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.SharedData, file)));
        var context = request.RootElement.GetProperty("context");
        var patientId = context.GetProperty("patientId").GetString()!;
        List<JsonElement> resources = [];
        if (request.RootElement.TryGetProperty("prefetch", out var prefetch))
        {
            resources.AddRange(prefetch.EnumerateObject().Select(item => item.Value));
        }

        if (context.TryGetProperty("draftOrders", out var draftOrders))
        {
            resources.Add(draftOrders);
        }

        var result = PatientRecordReader.FromResources(resources, patientId);
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(patientId["Patient/".Length..], result.Record.Id);
    }

    [Trait(Requires.Key, Requires.SharedData)]
    [Fact]
    public void Prefetched_bundle_entry_is_read_as_its_resource_and_a_mistyped_subject_is_left_out()
    {
        // The guideline's own example: item1 is an entry ({ response, resource }), and one Observation's
        // subject says "Patient/xexample-…", a typo that makes it another patient's.
        var file = Path.Combine(RepositoryPaths.SharedData, "cds-hooks-requests", "requests", "OpioidCDSREC10PatientView", "request-example-rec-10-patient-view-2-illicit-drugs.json");
        using var request = JsonDocument.Parse(File.ReadAllBytes(file));
        var result = PatientRecordReader.FromResources(
            request.RootElement.GetProperty("prefetch").EnumerateObject().Select(item => item.Value),
            "Patient/example-rec-10-patient-view-2-illicit-drugs");
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(
            ["resources[0]: resources[0] is a Bundle entry, not a resource; its resource is read",
             "Observation/example-rec-10-2-illicit-drugs-obs2: subject refers to Patient/xexample-rec-10-patient-view-2-illicit-drugs, not Patient/example-rec-10-patient-view-2-illicit-drugs; resource left out"],
            result.Warnings.Select(w => w.ToString()));
    }
}
