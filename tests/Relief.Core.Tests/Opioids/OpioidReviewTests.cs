using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Opioids;
using Relief.Core.Patients;

namespace Relief.Core.Tests.Opioids;

/// <summary>
/// The CDC 2022 opioid recommendations on the smallest records that show them (and the nearest that do not).
/// Dates count back from <see cref="AsOf"/>; "draft" is the order being signed now.
/// </summary>
public class OpioidReviewTests
{
    private static readonly LocalDate AsOf = PatientBuilder.AsOf;

    private const string OxycodoneEr = "1049502";
    private const string OxycodoneErName = "12 HR Oxycodone Hydrochloride 10 MG Extended Release Oral Tablet";
    private const string OxycodoneIr = "1049621";
    private const string OxycodoneIrName = "oxycodone hydrochloride 5 MG Oral Tablet";
    private const string Fentanyl = "197696";
    private const string FentanylName = "72 HR Fentanyl 0.075 MG/HR Transdermal System";
    private const string Temazepam = "104693";
    private const string Naloxone = "1191212";
    private const string BuprenorphineNaloxone = "1010600";

    private static readonly DosageFact OneTabletTwiceDaily = Dose.Of(1, "tablet", 2, 1, "d");
    private static readonly DosageFact OnePatchEveryThreeDays = Dose.Of(1, "patch", 1, 3, "d");

    private static readonly OpioidReview Review = new(TestKnowledge.Real);

    private static List<Finding> Findings(PatientBuilder patient) => [.. Review.Review(patient.Build(), AsOf)];

    private static bool Has(PatientBuilder patient, string rule) => Findings(patient).Any(f => f.RuleId == rule && !f.Unchecked);

    private static Finding One(PatientBuilder patient, string rule) => Assert.Single(Findings(patient), f => f.RuleId == rule);

    private static PatientBuilder Adult() => new PatientBuilder().Aged(45);

    private static PatientBuilder DraftIr(int days) =>
        Adult().WithOrder(OxycodoneIr, OxycodoneIrName, AsOf, days, OneTabletTwiceDaily, MedicationUse.Proposed);

    // ---------------------------------------------------------------- recommendation 1

    [Fact]
    public void Acute_opioid_for_an_opioid_naive_patient_suggests_nonopioid_options() =>
        Assert.True(Has(DraftIr(5), "cdc-2022/rec-1-acute-nonopioid"));

    [Fact]
    public void An_opioid_order_20_days_ago_means_the_patient_is_not_opioid_naive() =>
        Assert.False(Has(DraftIr(5).WithOrder(OxycodoneIr, OxycodoneIrName, AsOf.PlusDays(-20), 5, OneTabletTwiceDaily), "cdc-2022/rec-1-acute-nonopioid"));

    [Fact]
    public void An_inpatient_opioid_order_is_outside_the_guideline() =>
        Assert.Empty(Findings(Adult().WithOrder(OxycodoneIr, OxycodoneIrName, AsOf, 5, OneTabletTwiceDaily, MedicationUse.Proposed, category: "inpatient")));

    // ---------------------------------------------------------------- recommendation 2

    [Fact]
    public void Subacute_opioid_without_a_treatment_plan_asks_for_one() =>
        Assert.True(Has(DraftIr(30), "cdc-2022/rec-2-treatment-plan"));

    [Fact]
    public void A_pain_treatment_plan_in_the_past_90_days_satisfies_recommendation_2() =>
        Assert.False(Has(DraftIr(30).WithCarePlan(CodeSystems.Loinc, "80764-4", AsOf.PlusDays(-60)), "cdc-2022/rec-2-treatment-plan"));

    [Fact]
    public void A_pain_treatment_plan_older_than_90_days_does_not() =>
        Assert.True(Has(DraftIr(30).WithCarePlan(CodeSystems.Loinc, "80764-4", AsOf.PlusDays(-120)), "cdc-2022/rec-2-treatment-plan"));

    // ---------------------------------------------------------------- recommendation 3

    [Fact]
    public void Starting_with_an_extended_release_opioid_is_reported() =>
        Assert.True(Has(Adult().WithOrder(OxycodoneEr, OxycodoneErName, AsOf, 30, OneTabletTwiceDaily, MedicationUse.Proposed), "cdc-2022/rec-3-immediate-release"));

    [Fact]
    public void Starting_with_an_immediate_release_opioid_is_not() =>
        Assert.False(Has(DraftIr(30), "cdc-2022/rec-3-immediate-release"));

    [Fact]
    public void An_extended_release_opioid_for_a_patient_already_on_opioids_is_not() =>
        Assert.False(Has(Adult()
            .WithOrder(OxycodoneIr, OxycodoneIrName, AsOf.PlusDays(-30), 30, OneTabletTwiceDaily)
            .WithOrder(OxycodoneEr, OxycodoneErName, AsOf, 30, OneTabletTwiceDaily, MedicationUse.Proposed), "cdc-2022/rec-3-immediate-release"));

    [Fact]
    public void A_product_named_extended_release_but_outside_the_value_set_is_recognised_by_its_name() =>
        Assert.True(Has(Adult().WithOrder("999999901", "24 HR morphine sulfate 30 MG Extended Release Oral Capsule", AsOf, 30, Dose.Of(1, "capsule", 1, 1, "d"), MedicationUse.Proposed),
            "cdc-2022/rec-3-immediate-release"));

    // ---------------------------------------------------------------- recommendations 4 and 5

    [Fact]
    public void Transdermal_fentanyl_75_mcg_per_hour_is_180_mme_and_major()
    {
        var finding = One(Adult().WithOrder(Fentanyl, FentanylName, AsOf, 30, OnePatchEveryThreeDays, MedicationUse.Proposed), "cdc-2022/rec-4-5-dose");
        Assert.Equal(180m, finding.Computed.Single(c => c.Name == "mme-daily").Value);
        Assert.Equal(Severity.Major, finding.Severity);
    }

    [Theory]
    [InlineData(7, false)] // 49 MME/day
    [InlineData(5, true)] // 50 MME/day
    public void Fifty_mme_is_the_threshold(int tabletsPerDay, bool fires)
    {
        var strength = tabletsPerDay == 7 ? 7 : 10;
        var patient = Adult().WithOrder("999999902", $"Morphine Sulfate {strength} MG Oral Tablet", AsOf, 30, Dose.Of(1, "tablet", tabletsPerDay, 1, "d"), MedicationUse.Proposed);
        Assert.Equal(fires, Has(patient, "cdc-2022/rec-4-5-dose"));
    }

    [Fact]
    public void Current_and_ordered_opioids_add_up() =>
        Assert.Equal(60m, One(Adult()
                .WithOrder(OxycodoneIr, OxycodoneIrName, AsOf.PlusDays(-10), 30, Dose.Of(1, "tablet", 4, 1, "d")) // 20 mg x 1.5 = 30
                .WithOrder(OxycodoneIr, OxycodoneIrName, AsOf, 30, Dose.Of(1, "tablet", 4, 1, "d"), MedicationUse.Proposed), "cdc-2022/rec-4-5-dose")
            .Computed.Single(c => c.Name == "mme-daily").Value);

    [Fact]
    public void Buprenorphine_is_said_to_be_unconverted_never_counted_as_zero()
    {
        var finding = One(Adult().WithOrder(BuprenorphineNaloxone, "Buprenorphine 2 MG / Naloxone 0.5 MG Sublingual Film", AsOf, 30, Dose.Of(1, "film", 1, 1, "d"), MedicationUse.Proposed),
            "cdc-2022/rec-4-5-dose");
        Assert.True(finding.Unchecked);
        Assert.Contains(finding.Notes, n => n.Contains("buprenorphine", StringComparison.Ordinal));
    }

    // ---------------------------------------------------------------- recommendation 6

    [Fact]
    public void An_acute_supply_of_more_than_7_days_is_reported() => Assert.True(Has(DraftIr(10), "cdc-2022/rec-6-acute-duration"));

    [Fact]
    public void An_acute_supply_of_7_days_is_not() => Assert.False(Has(DraftIr(7), "cdc-2022/rec-6-acute-duration"));

    // ---------------------------------------------------------------- recommendation 7

    private static PatientBuilder OnOpioidsFor(int days) => DraftIr(30)
        .WithOrder(OxycodoneIr, OxycodoneIrName, AsOf.PlusDays(-8), days, OneTabletTwiceDaily)
        .WithEncounter(CodeSystems.Snomed, "185463005", AsOf.PlusDays(-10));

    [Fact]
    public void Seven_of_the_past_ten_days_on_opioids_with_a_visit_asks_for_a_reevaluation() =>
        Assert.True(Has(OnOpioidsFor(7), "cdc-2022/rec-7-reevaluate"));

    [Fact]
    public void Six_of_the_past_ten_days_does_not() => Assert.False(Has(OnOpioidsFor(6), "cdc-2022/rec-7-reevaluate"));

    [Fact]
    public void Seven_days_without_an_office_visit_does_not() =>
        Assert.False(Has(DraftIr(30).WithOrder(OxycodoneIr, OxycodoneIrName, AsOf.PlusDays(-8), 7, OneTabletTwiceDaily), "cdc-2022/rec-7-reevaluate"));

    [Theory]
    [InlineData(92, true)] // covers the last day of the third month
    [InlineData(62, false)] // ends as the third month starts
    public void Twenty_one_days_in_each_of_three_months(int supply, bool fires)
    {
        var start = AsOf.PlusMonths(-3).PlusDays(-3);
        Assert.Equal(fires, Has(DraftIr(30).WithOrder(OxycodoneIr, OxycodoneIrName, start, supply, OneTabletTwiceDaily), "cdc-2022/rec-7-reevaluate"));
    }

    [Fact]
    public void A_risk_assessment_in_the_past_90_days_satisfies_recommendation_7() =>
        Assert.False(Has(OnOpioidsFor(7).WithProcedure(CodeSystems.Snomed, "454281000124100", AsOf.PlusDays(-30)), "cdc-2022/rec-7-reevaluate"));

    // ---------------------------------------------------------------- recommendation 8

    private static PatientBuilder DraftFentanyl() => Adult().WithOrder(Fentanyl, FentanylName, AsOf, 30, OnePatchEveryThreeDays, MedicationUse.Proposed);

    [Fact]
    public void At_50_mme_or_more_naloxone_is_proposed()
    {
        var finding = One(DraftFentanyl(), "cdc-2022/rec-8-naloxone");
        var proposal = Assert.Single(finding.Proposals);
        Assert.Equal(("MedicationRequest", new Code(CodeSystems.RxNorm, "7242")), (proposal.ResourceType, proposal.Code));
    }

    [Fact]
    public void A_current_naloxone_order_satisfies_recommendation_8() =>
        Assert.False(Has(DraftFentanyl().WithOrder(Naloxone, "Naloxone Hydrochloride 0.02 MG/ML Injectable Solution", AsOf.PlusDays(-40), 30), "cdc-2022/rec-8-naloxone"));

    [Fact]
    public void Buprenorphine_with_naloxone_is_not_rescue_naloxone() =>
        Assert.True(Has(DraftFentanyl().WithOrder(BuprenorphineNaloxone, "Buprenorphine 2 MG / Naloxone 0.5 MG Sublingual Film", AsOf.PlusDays(-40), 30), "cdc-2022/rec-8-naloxone"));

    [Fact]
    public void A_benzodiazepine_is_a_risk_factor_at_a_low_dose() =>
        Assert.True(Has(DraftIr(30).WithOrder(Temazepam, "Temazepam 20 MG Oral Tablet", AsOf.PlusDays(-10), 30), "cdc-2022/rec-8-naloxone"));

    [Fact]
    public void A_history_of_substance_use_disorder_is_a_risk_factor() =>
        Assert.True(Has(DraftIr(30).WithCondition(CodeSystems.Snomed, "66590003", "Alcohol dependence", ConditionClinicalStatus.Resolved), "cdc-2022/rec-8-naloxone"));

    [Fact]
    public void A_low_dose_without_risk_factors_does_not_ask_for_naloxone() => Assert.False(Has(DraftIr(30), "cdc-2022/rec-8-naloxone"));

    // ---------------------------------------------------------------- recommendation 9

    [Fact]
    public void No_pdmp_review_in_90_days_is_reported() => Assert.True(Has(DraftIr(30), "cdc-2022/rec-9-pdmp"));

    [Fact]
    public void A_pdmp_review_30_days_ago_satisfies_recommendation_9() =>
        Assert.False(Has(DraftIr(30).WithProcedure(CodeSystems.Snomed, "461621000124108", AsOf.PlusDays(-30)), "cdc-2022/rec-9-pdmp"));

    // ---------------------------------------------------------------- recommendation 10

    [Fact]
    public void No_urine_drug_test_in_12_months_proposes_one()
    {
        var finding = One(DraftIr(30), "cdc-2022/rec-10-no-screening");
        Assert.Equal(new Code(CodeSystems.Snomed, "310627008"), Assert.Single(finding.Proposals).Code);
    }

    [Fact]
    public void A_test_in_the_past_12_months_satisfies_the_screening_check() =>
        Assert.False(Has(DraftIr(30).WithTextResult("3426-4", "NEG", AsOf.PlusMonths(-6)), "cdc-2022/rec-10-no-screening"));

    [Fact]
    public void Cocaine_in_the_urine_is_an_illicit_drug() =>
        Assert.Contains("cocaine", One(DraftIr(30).WithTextResult("70146-6", "POS", AsOf.PlusMonths(-2)), "cdc-2022/rec-10-illicit-drug").Title, StringComparison.Ordinal);

    [Fact]
    public void A_negative_cocaine_test_is_not() => Assert.False(Has(DraftIr(30).WithTextResult("70146-6", "Negative", AsOf.PlusMonths(-2)), "cdc-2022/rec-10-illicit-drug"));

    [Fact]
    public void Codeine_found_without_a_codeine_prescription_is_an_unprescribed_opioid() =>
        Assert.True(Has(DraftIr(30).WithTextResult("3507-1", "POS", AsOf.PlusMonths(-2)), "cdc-2022/rec-10-unprescribed-opioid"));

    [Fact]
    public void Oxycodone_found_with_an_oxycodone_prescription_is_expected() =>
        Assert.False(Has(DraftIr(30).WithTextResult("11246-6", "POS", AsOf.PlusMonths(-2)), "cdc-2022/rec-10-unprescribed-opioid"));

    [Fact]
    public void Prescribed_oxycodone_absent_from_the_test_taken_during_its_supply_is_reported() =>
        Assert.True(Has(DraftIr(30)
            .WithOrder(OxycodoneIr, OxycodoneIrName, AsOf.PlusDays(-40), 30, OneTabletTwiceDaily)
            .WithTextResult("11246-6", "NEG", AsOf.PlusDays(-30)), "cdc-2022/rec-10-missing-prescribed-opioid"));

    [Fact]
    public void A_negative_test_after_the_supply_ran_out_is_not_a_missing_opioid() =>
        Assert.False(Has(DraftIr(30)
            .WithOrder(OxycodoneIr, OxycodoneIrName, AsOf.PlusDays(-100), 30, OneTabletTwiceDaily)
            .WithTextResult("11246-6", "NEG", AsOf.PlusDays(-30)), "cdc-2022/rec-10-missing-prescribed-opioid"));

    // ---------------------------------------------------------------- recommendation 11

    [Fact]
    public void A_benzodiazepine_ordered_for_a_patient_on_opioids_is_major()
    {
        var finding = One(Adult()
            .WithOrder(OxycodoneIr, OxycodoneIrName, AsOf.PlusDays(-10), 30, OneTabletTwiceDaily)
            .WithOrder(Temazepam, "Temazepam 20 MG Oral Tablet", AsOf, 30, null, MedicationUse.Proposed), "cdc-2022/rec-11-benzodiazepine");
        Assert.Equal(Severity.Major, finding.Severity);
    }

    [Fact]
    public void A_benzodiazepine_alone_is_not_reported() =>
        Assert.Empty(Findings(Adult().WithOrder(Temazepam, "Temazepam 20 MG Oral Tablet", AsOf, 30, null, MedicationUse.Proposed)));

    [Fact]
    public void An_opioid_order_written_more_than_two_years_ago_is_not_current() =>
        Assert.False(Has(Adult()
            .WithOrder(OxycodoneIr, OxycodoneIrName, AsOf.PlusYears(-3), 30, OneTabletTwiceDaily)
            .WithOrder(Temazepam, "Temazepam 20 MG Oral Tablet", AsOf, 30, null, MedicationUse.Proposed), "cdc-2022/rec-11-benzodiazepine"));

    // ---------------------------------------------------------------- recommendation 12

    [Fact]
    public void Opioid_use_disorder_without_medication_treatment_is_reported() =>
        Assert.True(Has(Adult().WithCondition(CodeSystems.Snomed, "5602001", "Opioid abuse"), "cdc-2022/rec-12-moud"));

    [Fact]
    public void Buprenorphine_treatment_satisfies_recommendation_12() =>
        Assert.False(Has(Adult().WithCondition(CodeSystems.Snomed, "5602001", "Opioid abuse")
            .WithOrder(BuprenorphineNaloxone, "Buprenorphine 2 MG / Naloxone 0.5 MG Sublingual Film", AsOf.PlusDays(-20), 30), "cdc-2022/rec-12-moud"));

    [Fact]
    public void A_resolved_opioid_use_disorder_is_not_reported() =>
        Assert.False(Has(Adult().WithCondition(CodeSystems.Snomed, "5602001", "Opioid abuse", ConditionClinicalStatus.Resolved), "cdc-2022/rec-12-moud"));

    // ---------------------------------------------------------------- exclusions and the whole assessment

    [Fact]
    public void Terminal_illness_excludes_the_guideline() =>
        Assert.Empty(Findings(DraftFentanyl().WithCondition(CodeSystems.Snomed, "300936002", "Terminal illness")));

    [Fact]
    public void Sickle_cell_disease_excludes_the_guideline() =>
        Assert.Empty(Findings(DraftFentanyl().WithCondition(CodeSystems.Snomed, "127040003", "sickle cell disease")));

    [Fact]
    public void The_guideline_is_for_adults() => Assert.Empty(Findings(DraftFentanyl().Aged(17)));

    [Fact]
    public void Opioid_findings_reach_the_assessment_with_their_source_and_recommendation()
    {
        var assessment = new Assessor(TestKnowledge.Real).Assess(DraftFentanyl().Build(), AsOf);
        var finding = Assert.Single(assessment.Findings, f => f.RuleId == "cdc-2022/rec-8-naloxone");
        Assert.Equal(FindingFamily.Opioid, finding.Family);
        Assert.Contains(finding.Sources, s => s.Id == "cdc-opioid-2022");
        Assert.Contains(finding.Notes, n => n.Contains("Recommendation 8 (category A, evidence type 4)", StringComparison.Ordinal));
    }
}
