using System.Collections.Immutable;
using Relief.Core.Assessment;
using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Core.Safety;
using Relief.Core.Safety.Factors;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// Pregnancy recognised the ways records code it, and ended (issue 6, 1.3); postherpetic neuralgia is not an active
/// infection (1.4). Exclusions, ends and the evidence window are factor features (knowledge-format-safety.md §2.4), tested through real factors.
/// </summary>
public class PregnancyAndInfectionFactorTests
{
    private static FactorResult Factor(PatientBuilder patient, string factorId)
    {
        var record = patient.Build();
        var knowledge = TestKnowledge.Real;
        var context = new SafetyContext(record, AsOf, knowledge, [], f => new ResolvedMedication(f, MedicationResolver.Resolve(f.Medication, knowledge)));
        return context.Factor(factorId);
    }

    private static PatientBuilder Woman() => new PatientBuilder().Aged(30).WithSex(AdministrativeSex.Female);

    [Theory]
    [InlineData("O09.511", "Supervision of elderly primigravida, first trimester")]
    [InlineData("O24.410", "Gestational diabetes mellitus in pregnancy, diet controlled")]
    [InlineData("O9A.111", "Malignant neoplasm complicating pregnancy, first trimester")]
    [InlineData("Z3A.20", "20 weeks gestation of pregnancy")]
    [InlineData("Z34.01", "Encounter for supervision of normal first pregnancy, first trimester")]
    [InlineData("Z33.1", "Pregnant state, incidental")]
    public void Recent_pregnancy_codes_in_icd10cm_mean_pregnancy(string code, string display)
    {
        Assert.True(Factor(Woman().WithCondition(CodeSystems.Icd10Cm, code, display, onset: Date(2026, 9, 1)), "pregnancy").Holds);
    }

    [Theory]
    [InlineData("O80", "Encounter for full-term uncomplicated delivery")]
    [InlineData("O03.9", "Complete or unspecified spontaneous abortion without complication")]
    [InlineData("O00.10", "Tubal pregnancy without intrauterine pregnancy")]
    [InlineData("O90.89", "Other complications of the puerperium")]
    public void Delivery_abortion_and_puerperium_codes_alone_are_not_a_current_pregnancy(string code, string display)
    {
        Assert.False(Factor(Woman().WithCondition(CodeSystems.Icd10Cm, code, display, onset: Date(2026, 9, 1)), "pregnancy").Holds);
    }

    [Fact]
    public void A_delivery_after_the_pregnancy_record_ends_it()
    {
        var pregnant = Woman().WithCondition(CodeSystems.Snomed, "72892002", "Normal pregnancy", onset: Date(2026, 3, 1));
        Assert.True(Factor(pregnant, "pregnancy").Holds);

        var delivered = Woman().WithCondition(CodeSystems.Snomed, "72892002", "Normal pregnancy", onset: Date(2026, 3, 1))
            .WithCondition(CodeSystems.Icd10Cm, "Z37.0", "Single live birth", onset: Date(2026, 10, 20));
        Assert.False(Factor(delivered, "pregnancy").Holds);
    }

    [Fact]
    public void A_new_pregnancy_after_an_earlier_delivery_counts()
    {
        var patient = Woman().WithCondition(CodeSystems.Icd10Cm, "Z37.0", "Single live birth", onset: Date(2025, 6, 1))
            .WithCondition(CodeSystems.Icd10Cm, "Z34.00", "Normal pregnancy, unspecified trimester", onset: Date(2026, 10, 1));

        Assert.True(Factor(patient, "pregnancy").Holds);
    }

    [Fact]
    public void An_old_pregnancy_left_active_does_not_fire()
    {
        // Recorded 2025-01-10, 680 days before asOf: past the pregnancy-evidence-days convention (300).
        var result = Factor(Woman().WithCondition(CodeSystems.Snomed, "72892002", "Normal pregnancy", onset: Date(2025, 1, 10)), "pregnancy");

        Assert.False(result.Holds);
    }

    [Fact]
    public void A_pregnancy_with_an_abatement_date_has_ended()
    {
        var record = Woman().Build();
        var pregnancy = new ConditionFact
        {
            ResourceId = "cond-1",
            Concept = new CodedText([new Code(CodeSystems.Snomed, "72892002")], "Normal pregnancy"),
            ClinicalStatus = ConditionClinicalStatus.Active,
            VerificationStatus = ConditionVerificationStatus.Confirmed,
            Onset = Date(2026, 3, 1),
            Abatement = Date(2026, 10, 1),
            Recorded = null,
        };
        var knowledge = TestKnowledge.Real;
        var context = new SafetyContext(record with { Conditions = [pregnancy] }, AsOf, knowledge, [], f => new ResolvedMedication(f, MedicationResolver.Resolve(f.Medication, knowledge)));

        Assert.False(context.Factor("pregnancy").Holds);
    }

    [Fact]
    public void A_positive_urine_pregnancy_test_means_pregnancy_and_a_negative_one_does_not()
    {
        Assert.True(Factor(Woman().WithTextResult("2106-3", "Positive", Date(2026, 11, 1)), "pregnancy").Holds);
        Assert.False(Factor(Woman().WithTextResult("2106-3", "Negative", Date(2026, 11, 1)), "pregnancy").Holds);
    }

    [Fact]
    public void A_positive_test_before_a_recorded_miscarriage_does_not_count()
    {
        var patient = Woman().WithTextResult("2106-3", "Positive", Date(2026, 8, 1))
            .WithCondition(CodeSystems.Snomed, "19169002", "Miscarriage in first trimester", onset: Date(2026, 9, 1));

        Assert.False(Factor(patient, "pregnancy").Holds);
    }

    [Fact]
    public void A_recent_gestational_age_means_pregnancy_and_one_from_two_years_ago_does_not()
    {
        Assert.True(Factor(Woman().WithResult("11884-4", 14, "wk", Date(2026, 10, 1)), "pregnancy").Holds);
        Assert.False(Factor(Woman().WithResult("11884-4", 14, "wk", Date(2024, 10, 1)), "pregnancy").Holds);
    }

    // ---------------------------------------------------------------- postherpetic neuralgia (1.4)

    [Theory]
    [InlineData(CodeSystems.Icd10Cm, "B02.29", "Other postherpetic nervous system involvement")]
    [InlineData(CodeSystems.Icd10Cm, "B02.22", "Postherpetic trigeminal neuralgia")]
    [InlineData(CodeSystems.Snomed, "2177002", "Postherpetic neuralgia")]
    public void Postherpetic_neuralgia_is_not_an_active_infection(string system, string code, string display)
    {
        Assert.False(Factor(new PatientBuilder().WithCondition(system, code, display), "active-infection").Holds);
    }

    [Fact]
    public void Active_zoster_is_still_an_active_infection()
    {
        Assert.True(Factor(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "B02.9", "Zoster without complications"), "active-infection").Holds);
        Assert.True(Factor(new PatientBuilder().WithCondition(CodeSystems.Snomed, "4740000", "Herpes zoster"), "active-infection").Holds);
    }

    [Fact]
    public void A_phn_condition_also_coded_as_zoster_is_not_an_active_infection()
    {
        var phn = new CodedText([new Code(CodeSystems.Snomed, "4740000"), new Code(CodeSystems.Icd10Cm, "B02.29")], "PHN");
        var record = new PatientBuilder().Build() with
        {
            Conditions = [new ConditionFact
            {
                ResourceId = "cond-1",
                Concept = phn,
                ClinicalStatus = ConditionClinicalStatus.Active,
                VerificationStatus = ConditionVerificationStatus.Confirmed,
                Onset = Date(2026, 1, 1),
                Abatement = null,
                Recorded = null,
            }],
        };
        var knowledge = TestKnowledge.Real;
        var context = new SafetyContext(record, AsOf, knowledge, [], f => new ResolvedMedication(f, MedicationResolver.Resolve(f.Medication, knowledge)));

        Assert.False(context.Factor("active-infection").Holds);
    }

    [Fact]
    public void A_phn_patient_offered_adalimumab_is_not_told_it_is_contraindicated()
    {
        var assessment = Assess(new PatientBuilder().Aged(70)
            .WithCondition(CodeSystems.Icd10Cm, "B02.29", "Other postherpetic nervous system involvement")
            .WithMedication(Rx.Adalimumab, "adalimumab", MedicationUse.Proposed, AsOf));

        Assert.DoesNotContain(assessment.Safety.Cautions, c => c.RuleId == "tnf-inhibitor-active-infection");
    }
}
