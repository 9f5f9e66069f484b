using NodaTime;
using Relief.Core.Assessment.Findings;
using Relief.Core.Codes;
using Relief.Core.Opioids;
using Relief.Core.Patients;

namespace Relief.Core.Tests.Opioids;

/// <summary>
/// The exclusions of the CDC 2022 guideline as the reference service (opioid-cds-r4) applies them: discharge to hospice
/// in the past year, palliative care ordered (or an encounter of that type) in the past 90 days, active cancer shown by two
/// visits with a malignant cancer diagnosis in 12 months. Each silences the prescribing recommendations and leaves
/// recommendation 12 (treatment for opioid use disorder) alone. Codes are members of the reference's value sets.
/// </summary>
public class OpioidExclusionTests
{
    private static readonly LocalDate AsOf = PatientBuilder.AsOf;
    private const string Naloxone = "cdc-2022/rec-8-naloxone";
    private const string Moud = "cdc-2022/rec-12-moud";
    private const string HospiceCare = "385763009";   // Hospice Disposition value set
    private const string PalliativeCare = "103735009"; // Therapies indicating end of life care value set
    private const string LungCancer = "C34.90";        // CDC malignant cancer conditions (ICD-10-CM)

    private static readonly OpioidReview Review = new(TestKnowledge.Real);

    /// <summary>A 75 mcg/h fentanyl patch being signed: 180 MME/day and no naloxone, so recommendation 8 fires unless excluded.</summary>
    private static PatientBuilder DraftFentanyl() => new PatientBuilder().Aged(45)
        .WithOrder("197696", "72 HR Fentanyl 0.075 MG/HR Transdermal System", AsOf, 30, Dose.Of(1, "patch", 1, 3, "d"), MedicationUse.Proposed);

    private static List<Finding> Findings(PatientBuilder patient) => [.. Review.Review(patient.Build(), AsOf)];

    private static bool Has(PatientBuilder patient, string rule) => Findings(patient).Any(f => f.RuleId == rule && !f.Unchecked);

    [Fact]
    public void Without_an_exclusion_the_high_dose_draft_gets_the_naloxone_finding() => Assert.True(Has(DraftFentanyl(), Naloxone));

    // ---------------------------------------------------------------- hospice discharge

    [Fact]
    public void A_discharge_to_hospice_in_the_past_year_excludes_the_guideline() =>
        Assert.Empty(Findings(DraftFentanyl().WithDischarge(HospiceCare, AsOf.PlusMonths(-3))));

    [Fact]
    public void A_discharge_to_hospice_more_than_a_year_ago_does_not() =>
        Assert.True(Has(DraftFentanyl().WithDischarge(HospiceCare, AsOf.PlusMonths(-13)), Naloxone));

    [Fact]
    public void A_cancelled_encounter_with_a_hospice_disposition_does_not() =>
        Assert.True(Has(DraftFentanyl().WithDischarge(HospiceCare, AsOf.PlusMonths(-3), status: "cancelled"), Naloxone));

    [Fact]
    public void Hospice_keeps_recommendation_12_for_opioid_use_disorder()
    {
        var findings = Findings(DraftFentanyl().WithDischarge(HospiceCare, AsOf.PlusMonths(-3)).WithCondition(CodeSystems.Snomed, "5602001", "Opioid abuse"));
        Assert.Contains(findings, f => f.RuleId == Moud);
        Assert.DoesNotContain(findings, f => f.RuleId == Naloxone);
    }

    // ---------------------------------------------------------------- palliative care

    [Fact]
    public void Palliative_care_ordered_in_the_past_90_days_excludes_the_guideline() =>
        Assert.Empty(Findings(DraftFentanyl().WithServiceRequest(CodeSystems.Snomed, PalliativeCare, AsOf.PlusDays(-30))));

    [Fact]
    public void A_completed_palliative_care_order_counts_too() =>
        Assert.Empty(Findings(DraftFentanyl().WithServiceRequest(CodeSystems.Snomed, PalliativeCare, AsOf.PlusDays(-80), status: "completed")));

    [Fact]
    public void A_palliative_care_order_older_than_90_days_does_not() =>
        Assert.True(Has(DraftFentanyl().WithServiceRequest(CodeSystems.Snomed, PalliativeCare, AsOf.PlusDays(-120)), Naloxone));

    [Fact]
    public void A_revoked_palliative_care_order_does_not() =>
        Assert.True(Has(DraftFentanyl().WithServiceRequest(CodeSystems.Snomed, PalliativeCare, AsOf.PlusDays(-30), status: "revoked"), Naloxone));

    [Fact]
    public void A_palliative_care_encounter_in_the_past_90_days_excludes_the_guideline() =>
        Assert.Empty(Findings(DraftFentanyl().WithEncounter(CodeSystems.Snomed, PalliativeCare, AsOf.PlusDays(-10))));

    [Fact]
    public void Another_order_in_the_past_90_days_does_not() =>
        Assert.True(Has(DraftFentanyl().WithServiceRequest(CodeSystems.Snomed, "310627008", AsOf.PlusDays(-10)), Naloxone));

    // ---------------------------------------------------------------- active cancer: two visits

    [Fact]
    public void Two_visits_with_a_cancer_diagnosis_in_12_months_exclude_the_guideline() =>
        Assert.Empty(Findings(DraftFentanyl()
            .WithVisitDiagnosis(CodeSystems.Icd10Cm, LungCancer, AsOf.PlusMonths(-2))
            .WithVisitDiagnosis(CodeSystems.Icd10Cm, LungCancer, AsOf.PlusMonths(-7))));

    [Fact]
    public void One_visit_with_a_cancer_diagnosis_does_not() =>
        Assert.True(Has(DraftFentanyl().WithVisitDiagnosis(CodeSystems.Icd10Cm, LungCancer, AsOf.PlusMonths(-2), ConditionClinicalStatus.Active), Naloxone));

    [Fact]
    public void A_second_visit_more_than_12_months_ago_does_not_count() =>
        Assert.True(Has(DraftFentanyl()
            .WithVisitDiagnosis(CodeSystems.Icd10Cm, LungCancer, AsOf.PlusMonths(-2))
            .WithVisitDiagnosis(CodeSystems.Icd10Cm, LungCancer, AsOf.PlusMonths(-14)), Naloxone));

    [Fact]
    public void An_active_cancer_on_the_problem_list_excludes_the_guideline() =>
        Assert.Empty(Findings(DraftFentanyl().WithCondition(CodeSystems.Icd10Cm, LungCancer, "Lung cancer")));

    [Fact]
    public void Cancer_in_remission_on_the_problem_list_does_not() =>
        Assert.True(Has(DraftFentanyl().WithCondition(CodeSystems.Icd10Cm, LungCancer, "Lung cancer", ConditionClinicalStatus.Remission), Naloxone));

    [Fact]
    public void Active_cancer_keeps_recommendation_12() =>
        Assert.True(Has(DraftFentanyl()
            .WithVisitDiagnosis(CodeSystems.Icd10Cm, LungCancer, AsOf.PlusMonths(-2))
            .WithVisitDiagnosis(CodeSystems.Icd10Cm, LungCancer, AsOf.PlusMonths(-7))
            .WithCondition(CodeSystems.Snomed, "5602001", "Opioid abuse"), Moud));
}
