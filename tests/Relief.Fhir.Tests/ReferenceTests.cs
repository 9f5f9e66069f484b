using Relief.Core.Codes;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

public class ReferenceTests
{
    private const string Oxycodone = """{ "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "1049621", "display": "oxycodone 5 MG Oral Tablet" } ] }""";

    [Fact]
    public void Urn_uuid_subject_names_the_patient_by_its_full_url()
    {
        var json = """
            { "resourceType": "Bundle", "type": "transaction", "entry": [
              { "fullUrl": "urn:uuid:7d3c", "resource": { "resourceType": "Patient", "id": "7d3c" } },
              { "fullUrl": "urn:uuid:c1", "resource": { "resourceType": "Condition", "id": "c1", "subject": { "reference": "urn:uuid:7d3c" },
                "code": { "text": "fibromyalgia" } } } ] }
            """;
        var result = Bundles.ReadOk(json);
        Assert.Single(result.Record!.Conditions);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("Patient/p1")]
    [InlineData("https://ehr.example.org/fhir/Patient/p1")]
    [InlineData("Patient/p1/_history/3")]
    public void Relative_absolute_and_versioned_references_name_the_patient(string reference)
    {
        var result = Bundles.ReadOk(Bundles.With($$"""{ "resourceType": "Condition", "id": "c1", "subject": { "reference": "{{reference}}" }, "code": { "text": "x" } }"""));
        Assert.Single(result.Record!.Conditions);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("Patient/p2")]
    [InlineData("Patient/p10")]
    [InlineData("urn:uuid:0000")]
    [InlineData("Group/p1")]
    public void Resource_about_another_patient_is_left_out_with_a_warning(string reference)
    {
        var result = Bundles.ReadOk(Bundles.With(
            $$"""{ "resourceType": "MedicationRequest", "id": "mr9", "status": "active", "intent": "order", "subject": { "reference": "{{reference}}" }, "medicationCodeableConcept": {{Oxycodone}} }"""));
        Assert.Empty(result.Record!.Medications);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("MedicationRequest/mr9", warning.Location);
        Assert.Equal($"subject refers to {reference}, not Patient/p1; resource left out", warning.Message);
    }

    [Fact]
    public void Allergy_and_immunization_name_the_patient_in_their_patient_element()
    {
        var result = Bundles.ReadOk(Bundles.With(
            """{ "resourceType": "AllergyIntolerance", "id": "a1", "patient": { "reference": "Patient/p1" }, "code": { "text": "penicillin" } }""",
            """{ "resourceType": "Immunization", "id": "i1", "status": "completed", "patient": { "reference": "Patient/other" }, "vaccineCode": { "text": "flu" } }"""));
        Assert.Single(result.Record!.Allergies);
        Assert.Empty(result.Record.Immunizations);
        Assert.Equal("patient refers to Patient/other, not Patient/p1; resource left out", Assert.Single(result.Warnings).Message);
    }

    [Fact]
    public void Missing_subject_is_taken_to_be_the_patient_with_a_warning()
    {
        var result = Bundles.ReadOk(Bundles.With("""{ "resourceType": "Condition", "id": "c1", "code": { "text": "x" } }"""));
        Assert.Single(result.Record!.Conditions);
        Assert.Equal("subject has no reference; taken to be Patient/p1", Assert.Single(result.Warnings).Message);
    }

    [Fact]
    public void Medication_reference_resolves_by_urn_uuid()
    {
        var json = $$"""
            { "resourceType": "Bundle", "type": "transaction", "entry": [
              { "fullUrl": "urn:uuid:p", "resource": { "resourceType": "Patient", "id": "p" } },
              { "fullUrl": "urn:uuid:m", "resource": { "resourceType": "Medication", "id": "m", "code": {{Oxycodone}} } },
              { "fullUrl": "urn:uuid:r", "resource": { "resourceType": "MedicationRequest", "id": "r", "status": "active", "intent": "order",
                "subject": { "reference": "urn:uuid:p" }, "medicationReference": { "reference": "urn:uuid:m" } } } ] }
            """;
        AssertOxycodone(json);
    }

    [Theory]
    [InlineData("Medication/m")]
    [InlineData("https://ehr.example.org/fhir/Medication/m")]
    public void Medication_reference_resolves_by_type_and_id(string reference)
    {
        AssertOxycodone(Bundles.With(
            $$"""{ "resourceType": "Medication", "id": "m", "code": {{Oxycodone}} }""",
            $$"""{ "resourceType": "MedicationRequest", "id": "r", "status": "active", "intent": "order", {{Bundles.Subject}}, "medicationReference": { "reference": "{{reference}}" } }"""));
    }

    [Fact]
    public void Medication_reference_resolves_to_a_contained_medication()
    {
        AssertOxycodone(Bundles.With($$"""
            { "resourceType": "MedicationStatement", "id": "r", "status": "active", {{Bundles.Subject}},
              "contained": [ { "resourceType": "Medication", "id": "med", "code": {{Oxycodone}} } ],
              "medicationReference": { "reference": "#med" } }
            """));
    }

    [Fact]
    public void Unresolved_medication_reference_keeps_its_display_with_a_warning()
    {
        var result = Bundles.ReadOk(Bundles.With($$"""
            { "resourceType": "MedicationRequest", "id": "r", "status": "active", "intent": "order", {{Bundles.Subject}},
              "medicationReference": { "reference": "Medication/gone", "display": "tramadol 50 mg" } }
            """));
        var medication = Assert.Single(result.Record!.Medications).Medication;
        Assert.Equal("tramadol 50 mg", medication.Text);
        Assert.Empty(medication.Codes);
        Assert.Equal(
            "medicationReference Medication/gone does not resolve to a Medication in the input; read its display \"tramadol 50 mg\" as text",
            Assert.Single(result.Warnings).Message);
    }

    private static void AssertOxycodone(string json)
    {
        var result = Bundles.ReadOk(json);
        var medication = Assert.Single(result.Record!.Medications).Medication;
        Assert.Equal([new Code(CodeSystems.RxNorm, "1049621")], medication.Codes.ToArray());
        Assert.Equal("oxycodone 5 MG Oral Tablet", medication.Text);
        Assert.Empty(result.Warnings);
    }
}
