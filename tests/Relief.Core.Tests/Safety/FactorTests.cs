using System.Collections.Immutable;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Core.Safety;
using Relief.Core.Safety.Factors;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>Patient factors (knowledge-format-safety.md §2), with that document's examples 2.3 and 2.2.</summary>
public class FactorTests
{
    private static (FactorResult Result, SafetyContext Context) Evaluate(PatientBuilder patient, string factorId)
    {
        var record = patient.Build();
        var knowledge = TestKnowledge.Real;
        var active = record.Medications
            .Where(m => m.Use is MedicationUse.Current or MedicationUse.Proposed)
            .Select(m => new ResolvedMedication(m, MedicationResolver.Resolve(m.Medication, knowledge)))
            .ToImmutableArray();
        var context = new SafetyContext(record, AsOf, knowledge, active, f => new ResolvedMedication(f, MedicationResolver.Resolve(f.Medication, knowledge)));
        return (context.Factor(factorId), context);
    }

    private static FactorResult Factor(PatientBuilder patient, string factorId) => Evaluate(patient, factorId).Result;

    [Theory]
    [InlineData("age-60-plus", true)]
    [InlineData("age-65-plus", true)]
    [InlineData("age-75-plus", true)]
    [InlineData("age-under-25", false)]
    public void A_patient_born_in_1950_is_76_on_the_as_of_date(string factor, bool holds)
    {
        var result = Factor(new PatientBuilder().Born(1950, 3, 1), factor);

        Assert.Equal(holds, result.Holds);
        if (holds)
        {
            Assert.Equal("age", result.Criterion);
        }
    }

    [Fact]
    public void Age_65_is_65_plus_and_64_is_not()
    {
        Assert.True(Factor(new PatientBuilder().Aged(65), "age-65-plus").Holds);
        Assert.False(Factor(new PatientBuilder().Aged(64), "age-65-plus").Holds);
    }

    [Fact]
    public void A_patient_without_a_birth_date_never_satisfies_an_age_criterion()
    {
        Assert.False(Factor(new PatientBuilder().WithoutBirthDate(), "age-under-25").Holds);
    }

    [Fact]
    public void Ckd_stage_4_coded_in_icd10cm_means_creatinine_clearance_below_30_without_labs()
    {
        var result = Factor(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "N18.4", "CKD stage 4"), "crcl-below-30");

        Assert.True(result.Holds);
        Assert.Equal("condition", result.Criterion);
        Assert.Equal("cond-1", Assert.Single(result.Facts).ResourceId);
    }

    [Fact]
    public void Icd10cm_prefixes_match_without_dots_and_ignoring_case()
    {
        Assert.True(Factor(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "n186", "ESRD"), "crcl-below-30").Holds);
        Assert.False(Factor(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "N18.2", "CKD stage 2"), "crcl-below-30").Holds);
    }

    [Fact]
    public void A_qtc_of_480_ms_is_not_long_qt_but_510_is()
    {
        Assert.False(Factor(new PatientBuilder().WithResult(Loinc.Qtc, 480, "ms", Date(2026, 10, 1)), "long-qt").Holds);

        var result = Factor(new PatientBuilder().WithResult(Loinc.Qtc, 510, "ms", Date(2026, 10, 1)), "long-qt");
        Assert.True(result.Holds);
        Assert.Equal("observation", result.Criterion);
        Assert.Equal(510, Assert.Single(result.Facts).Value);
    }

    [Fact]
    public void Only_the_latest_result_is_judged_so_an_old_long_qtc_followed_by_a_normal_one_does_not_count()
    {
        var patient = new PatientBuilder()
            .WithResult(Loinc.Qtc, 510, "ms", Date(2026, 6, 1))
            .WithResult(Loinc.Qtc, 440, "ms", Date(2026, 10, 1));

        Assert.False(Factor(patient, "long-qt").Holds);
    }

    [Fact]
    public void A_result_outside_the_window_or_after_as_of_is_ignored()
    {
        Assert.False(Factor(new PatientBuilder().WithResult(Loinc.Qtc, 510, "ms", Date(2025, 10, 1)), "long-qt").Holds);
        Assert.False(Factor(new PatientBuilder().WithResult(Loinc.Qtc, 510, "ms", Date(2026, 12, 1)), "long-qt").Holds);
    }

    [Fact]
    public void A_cancelled_result_is_not_used()
    {
        Assert.False(Factor(new PatientBuilder().WithResult(Loinc.Qtc, 510, "ms", Date(2026, 10, 1), status: "cancelled"), "long-qt").Holds);
    }

    [Fact]
    public void A_negative_igra_is_not_latent_tuberculosis_and_a_positive_one_is()
    {
        var negative = new PatientBuilder().WithCodedResult(Loinc.Igra, CodeSystems.Snomed, "260385009", "Negative", Date(2026, 1, 10));
        var positive = new PatientBuilder().WithTextResult(Loinc.Igra, "Positive", Date(2026, 1, 10));

        Assert.False(Factor(negative, "latent-tuberculosis").Holds);
        Assert.True(Factor(positive, "latent-tuberculosis").Holds);
    }

    [Theory]
    [InlineData("Reactive", true)]
    [InlineData("Non-reactive", false)]
    [InlineData("nonreactive", false)]
    [InlineData("Detected", true)]
    [InlineData("Not detected", false)]
    public void A_qualitative_result_is_positive_when_its_text_starts_with_a_positive_word_and_not_a_negative_one(string text, bool positive)
    {
        Assert.Equal(positive, Factor(new PatientBuilder().WithTextResult(Loinc.Hbsag, text, Date(2026, 5, 1)), "hepatitis-b").Holds);
    }

    [Fact]
    public void A_refuted_dementia_is_not_dementia()
    {
        var refuted = new PatientBuilder().WithCondition(CodeSystems.Snomed, "52448006", "Dementia", verification: ConditionVerificationStatus.Refuted);
        var confirmed = new PatientBuilder().WithCondition(CodeSystems.Snomed, "52448006", "Dementia");

        Assert.False(Factor(refuted, "dementia").Holds);
        Assert.True(Factor(confirmed, "dementia").Holds);
    }

    [Fact]
    public void A_resolved_fall_still_counts_for_a_history_factor_but_resolved_heart_failure_does_not_count_as_current()
    {
        var fall = new PatientBuilder().WithCondition(CodeSystems.Snomed, "161898004", "Falls", ConditionClinicalStatus.Resolved);
        var heartFailure = new PatientBuilder().WithCondition(CodeSystems.Snomed, "84114007", "Heart failure", ConditionClinicalStatus.Resolved);

        Assert.True(Factor(fall, "history-of-falls-or-fracture").Holds);
        Assert.False(Factor(heartFailure, "heart-failure").Holds);
    }

    [Fact]
    public void A_myocardial_infarction_counts_as_recent_only_within_28_days_of_onset()
    {
        var recent = new PatientBuilder().WithCondition(CodeSystems.Snomed, "57054005", "Acute MI", onset: AsOf.PlusDays(-10));
        var old = new PatientBuilder().WithCondition(CodeSystems.Snomed, "57054005", "Acute MI", onset: AsOf.PlusDays(-60));

        Assert.True(Factor(recent, "recent-myocardial-infarction").Holds);
        Assert.False(Factor(old, "recent-myocardial-infarction").Holds);
    }

    [Fact]
    public void A_condition_dated_after_as_of_is_ignored()
    {
        Assert.False(Factor(new PatientBuilder().WithCondition(CodeSystems.Snomed, "84114007", "Heart failure", onset: AsOf.PlusDays(5)), "heart-failure").Holds);
    }

    [Fact]
    public void A_coded_pregnancy_status_result_means_pregnancy()
    {
        var patient = new PatientBuilder().WithCodedResult(Loinc.Pregnancy, CodeSystems.Snomed, "77386006", "Pregnant", Date(2026, 10, 1));

        Assert.True(Factor(patient, "pregnancy").Holds);
    }

    [Fact]
    public void An_intermediate_tpmt_phenotype_is_reduced_function_but_not_poor()
    {
        var patient = new PatientBuilder().WithTextResult(Loinc.Tpmt, "Intermediate metabolizer", Date(2019, 4, 1));

        Assert.True(Factor(patient, "tpmt-reduced-function").Holds);
        Assert.False(Factor(patient, "tpmt-poor-metabolizer").Holds);
    }

    [Fact]
    public void Cockcroft_gault_for_an_80_year_old_woman_of_60_kg_with_creatinine_1_2_is_35_4_ml_per_min()
    {
        var patient = new PatientBuilder().Aged(80).WithSex(AdministrativeSex.Female)
            .WithResult(Loinc.Creatinine, 1.2m, "mg/dL", Date(2026, 11, 1))
            .WithResult(Loinc.Weight, 60, "kg", Date(2026, 11, 1));

        var below60 = Factor(patient, "crcl-below-60");
        Assert.True(below60.Holds);
        Assert.Equal("kidney-function", below60.Criterion);
        var crcl = Assert.Single(below60.Computed);
        Assert.Equal(35.4m, crcl.Value);
        Assert.Equal("cockcroft-gault", crcl.Method);
        Assert.False(Factor(patient, "crcl-below-30").Holds);
    }

    [Fact]
    public void Creatinine_in_micromoles_gives_the_same_clearance()
    {
        var patient = new PatientBuilder().Aged(80)
            .WithResult(Loinc.CreatinineMolar, 106, "umol/L", Date(2026, 11, 1))
            .WithResult(Loinc.Weight, 60, "kg", Date(2026, 11, 1));

        Assert.Equal(35.4m, Factor(patient, "crcl-below-60").Computed[0].Value);
    }

    [Fact]
    public void A_man_gets_no_female_factor_and_unknown_sex_gets_it_with_a_note()
    {
        PatientBuilder Patient(AdministrativeSex sex) => new PatientBuilder().Aged(80).WithSex(sex)
            .WithResult(Loinc.Creatinine, 1.2m, "mg/dL", Date(2026, 11, 1))
            .WithResult(Loinc.Weight, 60, "kg", Date(2026, 11, 1));

        Assert.Equal(41.7m, Factor(Patient(AdministrativeSex.Male), "crcl-below-60").Computed[0].Value);
        var unknown = Factor(Patient(AdministrativeSex.Unknown), "crcl-below-60");
        Assert.Equal(35.4m, unknown.Computed[0].Value);
        Assert.Contains(unknown.Notes, n => n.Contains("female factor", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_weight_the_egfr_stands_in_for_creatinine_clearance_and_says_so()
    {
        var patient = new PatientBuilder().Aged(70)
            .WithResult(Loinc.Creatinine, 2.5m, "mg/dL", Date(2026, 11, 1))
            .WithResult(Loinc.Egfr, 25, "mL/min/{1.73_m2}", Date(2026, 11, 1));

        var result = Factor(patient, "crcl-below-30");

        Assert.True(result.Holds);
        Assert.Equal("egfr-surrogate", result.Computed[0].Method);
        Assert.Contains(result.Notes, n => n.StartsWith("eGFR used in place of creatinine clearance", StringComparison.Ordinal));
    }

    [Fact]
    public void A_creatinine_older_than_90_days_is_not_used_for_cockcroft_gault()
    {
        var patient = new PatientBuilder().Aged(80)
            .WithResult(Loinc.Creatinine, 3.0m, "mg/dL", AsOf.PlusDays(-91))
            .WithResult(Loinc.Weight, 60, "kg", Date(2026, 11, 1));

        var result = Factor(patient, "crcl-below-30");

        Assert.Equal(FactorState.Unknown, result.State);
        Assert.True(result.RenalFunctionUnknown);
    }

    [Fact]
    public void An_egfr_recorded_in_ml_per_min_is_read_as_per_1_73_m2()
    {
        var patient = new PatientBuilder().WithResult(Loinc.EgfrMdrd, 50, "mL/min", Date(2026, 10, 1));

        Assert.True(Factor(patient, "egfr-below-60").Holds);
    }

    [Fact]
    public void Without_any_renal_result_kidney_function_is_unknown_not_normal()
    {
        var result = Factor(new PatientBuilder().Aged(70), "crcl-below-30");

        Assert.Equal(FactorState.Unknown, result.State);
        Assert.True(result.RenalFunctionUnknown);
    }

    [Fact]
    public void A_result_in_a_unit_outside_the_table_makes_the_criterion_unknown_and_says_so()
    {
        var (result, context) = Evaluate(new PatientBuilder().WithResult(Loinc.Qtc, 510, "furlongs", Date(2026, 10, 1)), "long-qt");

        Assert.Equal(FactorState.Unknown, result.State);
        var note = Assert.Single(context.Quality.ToImmutable());
        Assert.Equal(DataQualityKind.UnconvertibleUnit, note.Kind);
        Assert.Contains("furlongs", note.Message, StringComparison.Ordinal);
        Assert.Equal("Observation/obs-1", note.Resource);
    }
}
