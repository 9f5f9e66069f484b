using NodaTime;
using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

public class ConditionTests
{
    private static (ConditionFact Condition, IReadOnlyList<string> Warnings) Read(string elements)
    {
        var result = Bundles.ReadOk(Bundles.With($$"""{ "resourceType": "Condition", "id": "c1", {{Bundles.Subject}}, {{elements}} }"""));
        return (Assert.Single(result.Record!.Conditions), result.Warnings.Select(w => w.Message).ToList());
    }

    private static string Status(string element, string system, string code) =>
        $$""" "{{element}}": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/{{system}}", "code": "{{code}}" } ] } """;

    [Theory]
    [InlineData("active", ConditionClinicalStatus.Active)]
    [InlineData("recurrence", ConditionClinicalStatus.Recurrence)]
    [InlineData("relapse", ConditionClinicalStatus.Relapse)]
    [InlineData("inactive", ConditionClinicalStatus.Inactive)]
    [InlineData("remission", ConditionClinicalStatus.Remission)]
    [InlineData("resolved", ConditionClinicalStatus.Resolved)]
    public void Clinical_status_is_read_from_its_codeable_concept(string code, ConditionClinicalStatus expected) =>
        Assert.Equal(expected, Read(Status("clinicalStatus", "condition-clinical", code)).Condition.ClinicalStatus);

    [Theory]
    [InlineData("confirmed", ConditionVerificationStatus.Confirmed)]
    [InlineData("provisional", ConditionVerificationStatus.Provisional)]
    [InlineData("differential", ConditionVerificationStatus.Differential)]
    [InlineData("unconfirmed", ConditionVerificationStatus.Unconfirmed)]
    [InlineData("refuted", ConditionVerificationStatus.Refuted)]
    [InlineData("entered-in-error", ConditionVerificationStatus.EnteredInError)]
    public void Verification_status_is_read_from_its_codeable_concept(string code, ConditionVerificationStatus expected) =>
        Assert.Equal(expected, Read(Status("verificationStatus", "condition-ver-status", code)).Condition.VerificationStatus);

    [Fact]
    public void Absent_statuses_are_unknown_without_a_warning()
    {
        var (condition, warnings) = Read(""" "code": { "text": "low back pain" } """);
        Assert.Equal((ConditionClinicalStatus.Unknown, ConditionVerificationStatus.Unknown), (condition.ClinicalStatus, condition.VerificationStatus));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Unrecognised_clinical_status_is_unknown_with_a_warning()
    {
        var (condition, warnings) = Read(Status("clinicalStatus", "condition-clinical", "dormant"));
        Assert.Equal(ConditionClinicalStatus.Unknown, condition.ClinicalStatus);
        Assert.Equal("clinicalStatus \"dormant\" is not an R4 code; read as Unknown", Assert.Single(warnings));
    }

    [Fact]
    public void Every_coding_of_the_concept_is_kept_with_its_display()
    {
        var (condition, _) = Read("""
            "code": { "coding": [
                { "system": "http://snomed.info/sct", "code": "95417003", "display": "Primary fibromyalgia syndrome" },
                { "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M79.7", "display": "Fibromyalgia" } ],
              "text": "Fibromyalgia (primary)" }
            """);
        var snomed = new Code(CodeSystems.Snomed, "95417003");
        var icd = new Code(CodeSystems.Icd10Cm, "M79.7");
        Assert.Equal([snomed, icd], condition.Concept.Codes.ToArray());
        Assert.Equal("Fibromyalgia (primary)", condition.Concept.Text);
        Assert.Equal("Primary fibromyalgia syndrome", condition.Concept.DisplayFor(snomed));
        Assert.Equal("Fibromyalgia", condition.Concept.DisplayFor(icd));
    }

    [Fact]
    public void Concept_without_text_takes_the_first_display()
    {
        var (condition, _) = Read(""" "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "279039007", "display": "Low back pain" } ] } """);
        Assert.Equal("Low back pain", condition.Concept.Text);
    }

    [Fact]
    public void Coding_without_a_system_is_not_a_code_but_keeps_its_display_as_text()
    {
        var (condition, warnings) = Read(""" "code": { "coding": [ { "code": "LBP", "display": "Low back pain" } ] } """);
        Assert.Empty(condition.Concept.Codes);
        Assert.Equal("Low back pain", condition.Concept.Text);
        Assert.Equal("code.coding[0] has a code but no system; not kept as a code", Assert.Single(warnings));
    }

    [Fact]
    public void Onset_abatement_and_recorded_dates_are_read()
    {
        var (condition, warnings) = Read("""
            "onsetDateTime": "2008-11-12T16:00:00.000Z", "abatementPeriod": { "start": "2012-03" }, "recordedDate": "2008-11-13"
            """);
        Assert.Equal((new LocalDate(2008, 11, 12), new LocalDate(2012, 3, 1), new LocalDate(2008, 11, 13)),
            (condition.Onset!.Value, condition.Abatement!.Value, condition.Recorded!.Value));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Onset_period_gives_its_start()
    {
        var (condition, _) = Read(""" "onsetPeriod": { "start": "2015-06-01", "end": "2015-07-01" } """);
        Assert.Equal(new LocalDate(2015, 6, 1), condition.Onset);
    }

    [Fact]
    public void Onset_age_is_left_empty_with_a_warning()
    {
        var (condition, warnings) = Read(""" "onsetAge": { "value": 45, "unit": "a", "system": "http://unitsofmeasure.org", "code": "a" } """);
        Assert.Null(condition.Onset);
        Assert.Equal("onsetAge is not a calendar date; onset left empty", Assert.Single(warnings));
    }

    [Fact]
    public void Plain_code_status_inside_r4_content_is_read_with_a_warning()
    {
        // An R4-shaped verificationStatus beside it: the bundle is R4 with one defect, not DSTU2.
        var (condition, warnings) = Read($$""" "clinicalStatus": "active", {{Status("verificationStatus", "condition-ver-status", "confirmed")}} """);
        Assert.Equal(ConditionClinicalStatus.Active, condition.ClinicalStatus);
        Assert.Equal("clinicalStatus should be a CodeableConcept (FHIR R4), found a string; read it as the code", Assert.Single(warnings));
    }

    [Fact]
    public void Refuted_active_condition_is_not_current()
    {
        var (condition, _) = Read($$"""{{Status("clinicalStatus", "condition-clinical", "active")}}, {{Status("verificationStatus", "condition-ver-status", "refuted")}}""");
        Assert.False(condition.IsCurrent);
    }
}
