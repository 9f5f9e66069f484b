using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// Clinical audit 6: refills form one course and are reported once; a deceased patient gets no current-therapy
/// advice; conditions the safety rules read are not listed as "not recognised".
/// </summary>
public class CourseAndRecordStateTests
{
    private static PatientBuilder MonthlyRefills(PatientBuilder patient, string rxnorm, string display, int count)
    {
        for (var month = 0; month < count; month++)
        {
            patient.WithMedication(rxnorm, display, MedicationUse.Current, Date(2026, 1, 1).PlusMonths(month));
        }

        return patient;
    }

    [Fact]
    public void Monthly_refills_of_an_opioid_and_a_benzodiazepine_give_one_interaction_naming_the_course()
    {
        var patient = MonthlyRefills(new PatientBuilder().Aged(50).WithMedication(Rx.Lorazepam, "lorazepam", MedicationUse.Current, Date(2025, 6, 1)), Rx.Oxycodone, "oxycodone", 10);

        var finding = Assert.Single(Assess(patient).Safety.Interactions, i => i.RuleId == "opioid-benzodiazepine");

        Assert.Contains(finding.Facts, f => f.Date == Date(2026, 1, 1) && f.Role == "first order of the course");
        Assert.Contains(finding.Facts, f => f.Date == Date(2026, 10, 1) && f.Role == "latest order of the course");
        Assert.Contains(finding.Notes, n => n.Contains("one course of 10 orders", StringComparison.Ordinal));
    }

    [Fact]
    public void Refills_give_one_caution_per_course()
    {
        var patient = MonthlyRefills(new PatientBuilder().Aged(72).WithCondition(CodeSystems.Snomed, "161898004", "Falls"), Rx.Oxycodone, "oxycodone", 6);

        Assert.Single(Assess(patient).Safety.Cautions, c => c.RuleId == "beers-falls-opioids");
    }

    [Fact]
    public void Two_courses_separated_by_a_long_gap_are_two_courses()
    {
        var patient = new PatientBuilder().Aged(50).WithMedication(Rx.Lorazepam, "lorazepam", MedicationUse.Current, Date(2020, 1, 1))
            .WithMedication(Rx.Oxycodone, "oxycodone", MedicationUse.Current, Date(2020, 1, 1), end: Date(2020, 3, 1))
            .WithMedication(Rx.Oxycodone, "oxycodone", MedicationUse.Current, Date(2026, 9, 1));

        Assert.Equal(2, Assess(patient).Safety.Interactions.Count(i => i.RuleId == "opioid-benzodiazepine"));
    }

    [Fact]
    public void A_deceased_patient_is_said_to_be_deceased_and_gets_no_therapy_advice()
    {
        var record = new PatientBuilder().Aged(70)
            .WithCondition(CodeSystems.Snomed, "203082005", "Fibromyalgia")
            .WithMedication(Rx.Tramadol, "tramadol").WithMedication(Rx.Sertraline, "sertraline")
            .Build() with { Deceased = true, DeceasedOn = Date(2025, 3, 1) };

        var assessment = Assess(record);

        Assert.Equal(Date(2025, 3, 1), assessment.Deceased!.On);
        Assert.Empty(assessment.Safety.Interactions);
        Assert.Empty(assessment.Monitoring);
        Assert.Empty(assessment.Response);
        Assert.Empty(assessment.Medications);
        Assert.All(assessment.Conditions, c => Assert.Empty(c.Options));
        Assert.Equal("fibromyalgia", Assert.Single(assessment.Conditions).ConditionId);
        Assert.Equal(DataQualityKind.PatientDeceased, Assert.Single(assessment.DataQuality).Kind);
        Assert.Single(assessment.Findings);
    }

    [Fact]
    public void A_death_recorded_after_the_assessment_date_does_not_apply_yet()
    {
        var record = new PatientBuilder().Aged(70).WithMedication(Rx.Tramadol, "tramadol").WithMedication(Rx.Sertraline, "sertraline")
            .Build() with { Deceased = true, DeceasedOn = Date(2027, 1, 1) };

        var assessment = Assess(record);

        Assert.Null(assessment.Deceased);
        Assert.NotEmpty(assessment.Safety.Interactions);
    }

    [Theory]
    [InlineData(CodeSystems.Icd10Cm, "Z33.1")]
    [InlineData(CodeSystems.Snomed, "431857002")]
    [InlineData(CodeSystems.Icd10Cm, "N18.4")]
    [InlineData(CodeSystems.Snomed, "161898004")]
    [InlineData(CodeSystems.Icd10Cm, "Z22.7")]
    [InlineData(CodeSystems.Icd10Cm, "I50.22")]
    public void Conditions_the_safety_rules_read_are_not_listed_as_not_recognised(string system, string code)
    {
        var assessment = Assess(new PatientBuilder().Aged(50).WithCondition(system, code, "condition", onset: Date(2026, 9, 1)));

        Assert.DoesNotContain(assessment.Unrecognised, u => u.Code == $"{system}|{code}");
    }

    [Fact]
    public void A_condition_no_rule_reads_is_still_listed_as_not_recognised()
    {
        var assessment = Assess(new PatientBuilder().Aged(50).WithCondition(CodeSystems.Snomed, "38341003", "Hypertension"));

        Assert.Contains(assessment.Unrecognised, u => u.Code == $"{CodeSystems.Snomed}|38341003");
    }
}

