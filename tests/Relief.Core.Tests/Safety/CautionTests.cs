using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>Drug x patient factor (knowledge-format-safety.md §4), one test per factor kind, with that document's examples and negatives.</summary>
public class CautionTests
{
    private static CautionFinding? Caution(PatientBuilder patient, string ruleId) =>
        Assess(patient).Safety.Cautions.SingleOrDefault(c => c.RuleId == ruleId);

    [Fact]
    public void Amitriptyline_at_72_is_avoided_as_strongly_anticholinergic()
    {
        var finding = Caution(new PatientBuilder().Aged(72).WithMedication(Rx.Amitriptyline, "amitriptyline 25 MG Oral Tablet"), "beers-anticholinergic-antidepressants");

        Assert.NotNull(finding);
        Assert.Equal(CautionSeverity.Avoid, finding.Severity);
        Assert.Equal("age", finding.Criterion);
        Assert.Equal("amitriptyline", Assert.Single(finding.IngredientIds));
        Assert.Equal("MedicationRequest/med-1", finding.Facts[0].Reference);
        Assert.Contains(new Code(CodeSystems.RxNorm, Rx.Amitriptyline), finding.Codes);
        Assert.Equal("beers-2023", finding.Sources[0].Id);
        Assert.Equal(2023, finding.Sources[0].Year);
        Assert.False(string.IsNullOrWhiteSpace(finding.Action));
    }

    [Fact]
    public void Amitriptyline_at_64_is_not_a_beers_caution()
    {
        Assert.Null(Caution(new PatientBuilder().Aged(64).WithMedication(Rx.Amitriptyline, "amitriptyline"), "beers-anticholinergic-antidepressants"));
    }

    [Fact]
    public void Naproxen_with_egfr_25_is_avoided_and_says_egfr_stood_in_for_creatinine_clearance()
    {
        var finding = Caution(new PatientBuilder().WithMedication(Rx.Naproxen, "naproxen").WithResult(Loinc.Egfr, 25, "mL/min/{1.73_m2}", Date(2026, 11, 1)), "nsaid-severe-renal");

        Assert.NotNull(finding);
        Assert.Equal(CautionSeverity.Avoid, finding.Severity);
        Assert.Equal("kidney-function", finding.Criterion);
        Assert.Contains(finding.Notes, n => n.StartsWith("eGFR used in place of creatinine clearance", StringComparison.Ordinal));
        Assert.Equal("egfr-surrogate", Assert.Single(finding.Computed).Method);
    }

    [Fact]
    public void Naproxen_with_egfr_45_is_not_a_severe_renal_caution()
    {
        Assert.Null(Caution(new PatientBuilder().WithMedication(Rx.Naproxen, "naproxen").WithResult(Loinc.Egfr, 45, "mL/min/{1.73_m2}", Date(2026, 11, 1)), "nsaid-severe-renal"));
    }

    [Fact]
    public void Naproxen_with_no_renal_result_is_reported_at_the_lowest_severity_as_renal_function_unknown()
    {
        var assessment = Assess(new PatientBuilder().WithMedication(Rx.Naproxen, "naproxen"));

        var finding = assessment.Safety.Cautions.Single(c => c.RuleId == "nsaid-severe-renal");
        Assert.Equal(CautionSeverity.Caution, finding.Severity);
        Assert.True(finding.FactorUnknown);
        Assert.Contains(assessment.DataQuality, n => n.Kind == DataQualityKind.RenalFunctionUnknown && n.RuleId == "nsaid-severe-renal");
    }

    [Fact]
    public void A_proposed_tnf_inhibitor_during_an_active_infection_is_contraindicated()
    {
        var finding = Caution(
            new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab", MedicationUse.Proposed).WithCondition(CodeSystems.Snomed, "444814009", "Viral sinusitis"),
            "tnf-inhibitor-active-infection");

        Assert.NotNull(finding);
        Assert.Equal(CautionSeverity.Contraindicated, finding.Severity);
        Assert.True(finding.BoxedWarning);
        Assert.Equal("condition", finding.Criterion);
        Assert.Equal("Condition/cond-1", finding.Facts[1].Reference);
    }

    [Fact]
    public void A_current_tnf_inhibitor_with_a_sinusitis_is_not_the_starting_rule()
    {
        var assessment = Assess(new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab").WithCondition(CodeSystems.Snomed, "444814009", "Viral sinusitis"));

        Assert.DoesNotContain(assessment.Safety.Cautions, c => c.RuleId == "tnf-inhibitor-active-infection");
        Assert.DoesNotContain(assessment.Safety.Cautions, c => c.RuleId == "biologic-serious-infection");
    }

    [Fact]
    public void A_current_biologic_with_pneumonia_is_withheld()
    {
        var finding = Caution(new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab").WithCondition(CodeSystems.Snomed, "233604007", "Pneumonia"), "biologic-serious-infection");

        Assert.Equal(CautionSeverity.Avoid, finding!.Severity);
    }

    [Fact]
    public void An_intermediate_tpmt_metaboliser_on_proposed_azathioprine_gets_the_reduced_dose_caution_only()
    {
        var assessment = Assess(new PatientBuilder().WithMedication(Rx.Azathioprine, "azathioprine", MedicationUse.Proposed).WithTextResult(Loinc.Tpmt, "Intermediate metabolizer", Date(2026, 6, 1)));

        Assert.Contains(assessment.Safety.Cautions, c => c.RuleId == "azathioprine-tpmt-reduced" && c.Severity == CautionSeverity.Caution && c.Criterion == "observation");
        Assert.DoesNotContain(assessment.Safety.Cautions, c => c.RuleId == "azathioprine-tpmt-poor");
    }

    [Fact]
    public void A_poor_tpmt_metaboliser_on_proposed_azathioprine_gets_avoid_and_the_reduced_caution()
    {
        var cautions = Assess(new PatientBuilder().WithMedication(Rx.Azathioprine, "azathioprine", MedicationUse.Proposed).WithTextResult(Loinc.Tpmt, "Poor metabolizer", Date(2026, 6, 1))).Safety.Cautions;

        Assert.Equal(["azathioprine-tpmt-poor", "azathioprine-tpmt-reduced"], cautions.Where(c => c.RuleId.StartsWith("azathioprine-tpmt", StringComparison.Ordinal)).Select(c => c.RuleId));
        Assert.Equal(CautionSeverity.Avoid, cautions.First().Severity);
    }

    [Fact]
    public void Citalopram_with_a_qtc_of_510_is_avoided()
    {
        var finding = Caution(new PatientBuilder().WithMedication(Rx.Citalopram, "citalopram").WithResult(Loinc.Qtc, 510, "ms", Date(2026, 9, 1)), "citalopram-long-qt");

        Assert.NotNull(finding);
        Assert.Equal("observation", finding.Criterion);
        Assert.Equal(510, finding.Facts[1].Value);
        Assert.Equal(Date(2026, 9, 1), finding.Facts[1].Date);
    }

    [Fact]
    public void Rituximab_with_a_reactive_hbsag_is_avoided_and_a_non_reactive_one_is_not()
    {
        Assert.NotNull(Caution(new PatientBuilder().WithMedication(Rx.Rituximab, "rituximab", MedicationUse.Proposed).WithTextResult(Loinc.Hbsag, "Reactive", Date(2026, 8, 1)), "rituximab-hepatitis-b"));
        Assert.Null(Caution(new PatientBuilder().WithMedication(Rx.Rituximab, "rituximab", MedicationUse.Proposed).WithTextResult(Loinc.Hbsag, "Non-reactive", Date(2026, 8, 1)), "rituximab-hepatitis-b"));
    }

    [Fact]
    public void Tramadol_with_epilepsy_coded_by_icd10cm_prefix_is_avoided()
    {
        Assert.NotNull(Caution(new PatientBuilder().WithMedication(Rx.Tramadol, "tramadol").WithCondition(CodeSystems.Icd10Cm, "G40.909", "Epilepsy"), "tramadol-seizures"));
    }

    [Fact]
    public void A_tricyclic_ten_days_after_a_myocardial_infarction_is_contraindicated_but_not_sixty_days_after()
    {
        PatientBuilder Patient(int daysAgo) => new PatientBuilder().WithMedication(Rx.Amitriptyline, "amitriptyline")
            .WithCondition(CodeSystems.Snomed, "57054005", "Acute MI", onset: AsOf.PlusDays(-daysAgo));

        Assert.Equal(CautionSeverity.Contraindicated, Caution(Patient(10), "tca-recent-mi")!.Severity);
        Assert.Null(Caution(Patient(60), "tca-recent-mi"));
    }

    [Fact]
    public void A_tnf_inhibitor_after_a_treated_cancer_is_avoided()
    {
        var finding = Caution(
            new PatientBuilder().WithMedication(Rx.Infliximab, "infliximab", MedicationUse.Proposed)
                .WithCondition(CodeSystems.Icd10Cm, "C50.911", "Breast cancer", ConditionClinicalStatus.Resolved),
            "tnf-inhibitor-malignancy");

        Assert.NotNull(finding);
        Assert.True(finding.BoxedWarning);
    }

    [Fact]
    public void A_tnf_inhibitor_in_multiple_sclerosis_is_avoided()
    {
        Assert.NotNull(Caution(new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab", MedicationUse.Proposed).WithCondition(CodeSystems.Snomed, "24700007", "MS"), "tnf-inhibitor-demyelinating"));
    }

    [Fact]
    public void Methotrexate_in_pregnancy_is_contraindicated_with_its_boxed_warning()
    {
        var finding = Caution(new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate").WithCondition(CodeSystems.Snomed, "77386006", "Pregnancy", onset: Date(2026, 9, 1)), "methotrexate-pregnancy");

        Assert.Equal(CautionSeverity.Contraindicated, finding!.Severity);
        Assert.True(finding.BoxedWarning);
    }

    [Fact]
    public void Opioids_after_a_fall_are_avoided_from_65_only()
    {
        PatientBuilder Patient(int age) => new PatientBuilder().Aged(age).WithMedication(Rx.Oxycodone, "oxycodone").WithCondition(CodeSystems.Snomed, "161898004", "Falls");

        Assert.NotNull(Caution(Patient(70), "beers-falls-opioids"));
        Assert.Null(Caution(Patient(60), "beers-falls-opioids"));
    }

    [Fact]
    public void Gabapentin_with_creatinine_clearance_35_is_a_renal_caution_computed_by_cockcroft_gault()
    {
        var finding = Caution(
            new PatientBuilder().Aged(80).WithMedication(Rx.Gabapentin, "gabapentin")
                .WithResult(Loinc.Creatinine, 1.2m, "mg/dL", Date(2026, 11, 1)).WithResult(Loinc.Weight, 60, "kg", Date(2026, 11, 1)),
            "gabapentinoid-renal");

        Assert.NotNull(finding);
        var crcl = Assert.Single(finding.Computed);
        Assert.Equal(35.4m, crcl.Value);
        Assert.Contains(crcl.Inputs, i => i.Name == "creatinine" && i.Resource == "Observation/obs-1");
    }

    [Fact]
    public void Several_cautions_for_one_drug_are_ordered_most_severe_first()
    {
        var cautions = Assess(new PatientBuilder().Aged(70).WithMedication(Rx.Cyclobenzaprine, "cyclobenzaprine")
            .WithCondition(CodeSystems.Snomed, "84114007", "Heart failure")).Safety.Cautions;

        Assert.Equal(["cyclobenzaprine-heart-failure", "beers-skeletal-muscle-relaxants"], cautions.Select(c => c.RuleId));
        Assert.Equal([CautionSeverity.Contraindicated, CautionSeverity.Avoid], cautions.Select(c => c.Severity));
    }

    [Fact]
    public void Sertraline_in_a_healthy_40_year_old_raises_no_caution()
    {
        Assert.Empty(Assess(new PatientBuilder().Aged(40).WithMedication(Rx.Sertraline, "sertraline")).Safety.Cautions);
    }

    [Fact]
    public void A_past_medication_raises_no_caution()
    {
        Assert.Empty(Assess(new PatientBuilder().Aged(72).WithMedication(Rx.Amitriptyline, "amitriptyline", MedicationUse.Past, Date(2024, 1, 1), Date(2024, 6, 1))).Safety.Cautions);
    }

    [Fact]
    public void A_negative_egfr_is_a_data_error_not_severe_renal_impairment()
    {
        var assessment = Assess(new PatientBuilder().WithMedication(Rx.Naproxen, "naproxen").WithResult(Loinc.Egfr, -25, "mL/min/{1.73_m2}", Date(2026, 11, 1)));

        Assert.DoesNotContain(assessment.Safety.Cautions, c => c.RuleId == "nsaid-severe-renal" && !c.FactorUnknown);
        Assert.Contains(assessment.DataQuality, q => q.Kind == DataQualityKind.ImplausibleValue);
    }

    [Fact]
    public void A_birth_date_after_the_assessment_date_leaves_age_unknown_and_says_so()
    {
        var assessment = Assess(new PatientBuilder().Born(2090, 1, 1).WithMedication(Rx.Amitriptyline, "amitriptyline"));

        Assert.Null(assessment.Age);
        Assert.DoesNotContain(assessment.Safety.Cautions, c => c.FactorId.StartsWith("age-", StringComparison.Ordinal));
        Assert.Contains(assessment.DataQuality, q => q.Kind == DataQualityKind.ImplausibleValue && q.Message.Contains("2090-01-01", StringComparison.Ordinal));
    }
}
