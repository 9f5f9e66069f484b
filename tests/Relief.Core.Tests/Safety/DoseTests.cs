using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>Daily doses from FHIR dosages and the dose rules (knowledge-format-safety.md §7), with that document's examples and negatives.</summary>
public class DoseTests
{
    private static IReadOnlyList<DoseFinding> Doses(PatientBuilder patient) => Assess(patient).Safety.Doses;

    private static DoseFinding? DoseRule(PatientBuilder patient, string ruleId) => Doses(patient).SingleOrDefault(d => d.RuleId == ruleId);

    private static PatientBuilder Tramadol(int age, decimal tablets, decimal everyHours, bool asNeeded = false) =>
        new PatientBuilder().Aged(age)
            .WithResult(Loinc.Egfr, 90, "mL/min/{1.73_m2}", Date(2026, 11, 1))
            .WithNamedMedication(Rx.TramadolTablet, dosage: Dose.Of(tablets, "tablet", 1, everyHours, "h", asNeeded));

    [Fact]
    public void Two_50_mg_tramadol_tablets_every_4_hours_is_600_mg_a_day_above_the_400_mg_maximum()
    {
        var finding = DoseRule(Tramadol(45, 2, 4), "tramadol-max");

        Assert.NotNull(finding);
        Assert.Equal(DoseSeverity.Major, finding.Severity);
        Assert.Equal(600, finding.Computed.Value);
        Assert.Equal("mg/day", finding.Computed.Unit);
        Assert.Equal(new Quantity(400, "mg"), finding.Limit);
        Assert.Contains("50 mg", Assert.Single(finding.Computed.Inputs).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_50_mg_tramadol_tablets_every_6_hours_is_exactly_400_mg_and_not_above_the_maximum()
    {
        var rules = Doses(Tramadol(45, 2, 6)).Select(d => d.RuleId);

        // 400 mg of tramadol is 80 MME, which is a finding of its own; no tramadol maximum is.
        Assert.Equal(["opioid-mme-50"], rules);
    }

    [Fact]
    public void Tramadol_400_mg_a_day_at_78_is_above_the_300_mg_maximum_over_75()
    {
        var findings = Doses(Tramadol(78, 2, 6)).Where(d => d.RuleId.StartsWith("tramadol", StringComparison.Ordinal)).ToList();

        var finding = Assert.Single(findings);
        Assert.Equal("tramadol-age-75-max", finding.RuleId);
        Assert.Equal(400, finding.Computed.Value);
        Assert.Equal(new Quantity(300, "mg"), finding.Limit);
    }

    [Fact]
    public void An_as_needed_dose_counts_at_its_maximum_and_says_so()
    {
        var finding = DoseRule(Tramadol(45, 2, 4, asNeeded: true), "tramadol-max");

        Assert.NotNull(finding);
        Assert.Contains("as-needed maximum", finding.Notes);
    }

    [Fact]
    public void The_daily_dose_is_the_sum_over_every_current_and_proposed_product()
    {
        // 50 mg every 6 h (200 mg) + a proposed combination, 37.5 mg x 2 x 6/day (450 mg): 650 mg/day.
        var patient = Tramadol(45, 1, 6).WithNamedMedication(
            "Acetaminophen 325 MG / tramadol hydrochloride 37.5 MG Oral Tablet", MedicationUse.Proposed, AsOf, dosage: Dose.Of(2, "tablet", 6, 1, "d"));

        Assert.Equal(650, DoseRule(patient, "tramadol-max")!.Computed.Value);
    }

    [Fact]
    public void A_proposed_renewal_of_the_same_product_replaces_the_current_order_rather_than_adding_to_it()
    {
        var patient = Tramadol(45, 1, 6).WithNamedMedication(Rx.TramadolTablet, MedicationUse.Proposed, AsOf, dosage: Dose.Of(2, "tablet", 1, 4, "h"));

        Assert.Equal(600, DoseRule(patient, "tramadol-max")!.Computed.Value);
    }

    [Fact]
    public void A_combination_tablet_gives_the_strength_of_the_named_ingredient()
    {
        var patient = new PatientBuilder().Aged(45).WithResult(Loinc.Egfr, 90, "mL/min/{1.73_m2}", Date(2026, 11, 1))
            .WithNamedMedication("Acetaminophen 325 MG / tramadol hydrochloride 37.5 MG Oral Tablet", dosage: Dose.Of(2, "tablet", 6, 1, "d"));

        Assert.Equal(450, DoseRule(patient, "tramadol-max")!.Computed.Value);
    }

    [Fact]
    public void A_dose_written_in_grams_is_converted_to_mg()
    {
        var patient = new PatientBuilder().WithMedication(Rx.Duloxetine, "duloxetine", dosage: Dose.Of(0.15m, "g", 1, 1, "d"))
            .WithResult(Loinc.Egfr, 90, "mL/min/{1.73_m2}", Date(2026, 11, 1));

        var finding = DoseRule(patient, "duloxetine-max");

        Assert.Equal(DoseSeverity.Moderate, finding!.Severity);
        Assert.Equal(150, finding.Computed.Value);
    }

    [Fact]
    public void A_dose_without_timing_is_not_computable_and_no_rule_fires_silently_wrong()
    {
        var assessment = Assess(new PatientBuilder().Aged(45).WithNamedMedication(Rx.TramadolTablet, dosage: Dose.TextOnly("as directed", 2)));

        Assert.Empty(assessment.Safety.Doses);
        Assert.Contains(assessment.DataQuality, n => n.Kind == DataQualityKind.DoseNotComputable && n.RuleId == "tramadol-max" && n.Resource == "MedicationRequest/med-1");
    }

    [Fact]
    public void Gabapentin_1800_mg_a_day_with_creatinine_clearance_35_is_above_the_1400_mg_band_maximum()
    {
        var finding = DoseRule(
            new PatientBuilder().Aged(80).WithSex(AdministrativeSex.Female)
                .WithResult(Loinc.Creatinine, 1.2m, "mg/dL", Date(2026, 11, 1)).WithResult(Loinc.Weight, 60, "kg", Date(2026, 11, 1))
                .WithMedication(Rx.Gabapentin, "gabapentin 600 MG", dosage: Dose.MgDaily(600, 3)),
            "gabapentin-renal");

        Assert.NotNull(finding);
        Assert.Equal(DoseSeverity.Major, finding.Severity);
        Assert.Equal(1800, finding.Computed.Value);
        Assert.Equal(new Quantity(1400, "mg"), finding.Limit);
        Assert.Equal(35.4m, Assert.Single(finding.Context).Value);
        Assert.Contains(finding.Notes, n => n.Contains("30-60 mL/min", StringComparison.Ordinal));
    }

    [Fact]
    public void Gabapentin_900_mg_a_day_with_creatinine_clearance_35_is_within_the_band()
    {
        Assert.Empty(Doses(new PatientBuilder().Aged(80)
            .WithResult(Loinc.Creatinine, 1.2m, "mg/dL", Date(2026, 11, 1)).WithResult(Loinc.Weight, 60, "kg", Date(2026, 11, 1))
            .WithMedication(Rx.Gabapentin, "gabapentin 300 MG", dosage: Dose.MgDaily(300, 3))));
    }

    [Fact]
    public void Without_renal_function_the_gabapentin_bands_cannot_be_checked_and_a_note_says_so()
    {
        var assessment = Assess(new PatientBuilder().Aged(80).WithMedication(Rx.Gabapentin, "gabapentin", dosage: Dose.MgDaily(600, 3)));

        Assert.DoesNotContain(assessment.Safety.Doses, d => d.RuleId == "gabapentin-renal");
        Assert.Contains(assessment.DataQuality, n => n.Kind == DataQualityKind.RenalFunctionUnknown && n.RuleId == "gabapentin-renal");
    }

    [Fact]
    public void Tramadol_300_mg_a_day_with_unknown_renal_function_is_flagged_at_the_lowest_severity()
    {
        var finding = DoseRule(new PatientBuilder().Aged(45).WithNamedMedication(Rx.TramadolTablet, dosage: Dose.Of(2, "tablet", 3, 1, "d")), "tramadol-renal-max");

        Assert.NotNull(finding);
        Assert.Equal(DoseSeverity.Moderate, finding.Severity);
        Assert.Contains(finding.Notes, n => n.StartsWith("renal function unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void A_daily_methotrexate_order_is_the_known_fatal_error()
    {
        var finding = DoseRule(new PatientBuilder().WithNamedMedication(Rx.MethotrexateTablet, dosage: Dose.Of(4, "tablet", 1, 1, "d")), "methotrexate-weekly");

        Assert.NotNull(finding);
        Assert.Equal(DoseSeverity.Major, finding.Severity);
        Assert.Equal(DoseRuleKind.Pattern, finding.Kind);
        Assert.Equal(7, finding.Computed.Value);
        Assert.Equal("/wk", finding.Computed.Unit);
    }

    [Fact]
    public void A_once_weekly_methotrexate_order_is_correct()
    {
        // With its folic acid (rule methotrexate-folic-acid), 10 mg once weekly raises no dose finding at all.
        Assert.Empty(Doses(new PatientBuilder().WithNamedMedication(Rx.MethotrexateTablet, dosage: Dose.Of(4, "tablet", 1, 1, "wk")).WithMedication("4511", "folic acid")));
    }

    [Fact]
    public void Twice_weekly_methotrexate_is_also_flagged()
    {
        Assert.Equal(2, DoseRule(new PatientBuilder().WithNamedMedication(Rx.MethotrexateTablet, dosage: Dose.Of(4, "tablet", 2, 1, "wk")), "methotrexate-weekly")!.Computed.Value);
    }

    [Fact]
    public void The_daily_methotrexate_error_shows_the_weekly_order_it_replaced()
    {
        var finding = DoseRule(
            new PatientBuilder()
                .WithNamedMedication(Rx.MethotrexateTablet, MedicationUse.Past, Date(2024, 3, 1), Date(2026, 11, 16), Dose.Of(4, "tablet", 1, 1, "wk"))
                .WithNamedMedication(Rx.MethotrexateTablet, MedicationUse.Current, Date(2026, 11, 17), dosage: Dose.Of(1, "tablet", 1, 1, "d")),
            "methotrexate-weekly");

        Assert.NotNull(finding);
        Assert.Equal(["med-2", "med-1"], finding.Facts.Select(f => f.ResourceId));
        Assert.StartsWith("previous order", finding.Facts[1].Role, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10 mg once weekly on Mondays", null)]
    [InlineData("take 4 tablets daily", DoseSeverity.Major)]
    [InlineData("as directed", DoseSeverity.Moderate)]
    public void Without_a_timing_the_methotrexate_dosage_text_decides(string text, DoseSeverity? expected)
    {
        var finding = DoseRule(new PatientBuilder().WithNamedMedication(Rx.MethotrexateTablet, dosage: Dose.TextOnly(text, 4)), "methotrexate-weekly");

        Assert.Equal(expected, finding?.Severity);
        if (expected == DoseSeverity.Moderate)
        {
            Assert.Contains(finding!.Notes, n => n.Contains("confirm the weekly schedule", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Oxycodone_20_mg_every_12_hours_is_60_mme_a_day_above_50()
    {
        var finding = DoseRule(new PatientBuilder().WithMedication(Rx.Oxycodone, "oxycodone", dosage: Dose.Of(20, "mg", 1, 12, "h")), "opioid-mme-50");

        Assert.NotNull(finding);
        Assert.Equal(DoseSeverity.Moderate, finding.Severity);
        Assert.Equal(60, finding.Computed.Value);
        Assert.Equal("MME/day", finding.Computed.Unit);
    }

    [Fact]
    public void Only_the_highest_mme_threshold_reached_is_shown()
    {
        var findings = Doses(new PatientBuilder().WithMedication(Rx.Oxycodone, "oxycodone", dosage: Dose.Of(30, "mg", 1, 8, "h")));

        var finding = Assert.Single(findings);
        Assert.Equal("opioid-mme-90", finding.RuleId);
        Assert.Equal(135, finding.Computed.Value);
    }

    [Fact]
    public void Mme_adds_every_opioid_and_says_when_one_has_no_factor()
    {
        var assessment = Assess(new PatientBuilder()
            .WithMedication(Rx.Oxycodone, "oxycodone", dosage: Dose.Of(20, "mg", 1, 12, "h"))
            .WithMedication("1819", "buprenorphine", dosage: Dose.MgDaily(8)));

        // Buprenorphine is not in the CDC 2022 MME table (transdermal fentanyl now is, per mcg/h).
        var finding = assessment.Safety.Doses.Single(d => d.RuleId == "opioid-mme-50");
        Assert.Equal(60, finding.Computed.Value);
        Assert.Contains(finding.Notes, n => n.Contains("buprenorphine: CDC gives buprenorphine no MME factor", StringComparison.Ordinal));
        Assert.Contains(assessment.DataQuality, n => n.Kind == DataQualityKind.MmeIncomplete);
    }

    [Fact]
    public void Oxycodone_5_mg_four_times_a_day_is_30_mme_and_below_every_threshold()
    {
        Assert.Empty(Doses(new PatientBuilder().WithMedication(Rx.Oxycodone, "oxycodone", dosage: Dose.Of(5, "mg", 1, 6, "h", asNeeded: true))));
    }

    [Fact]
    public void Citalopram_30_mg_at_65_is_above_the_20_mg_maximum_after_60()
    {
        var finding = DoseRule(new PatientBuilder().Aged(65).WithMedication(Rx.Citalopram, "citalopram", dosage: Dose.MgDaily(30)), "citalopram-age-60-max");

        Assert.NotNull(finding);
        Assert.Equal(30, finding.Computed.Value);
    }

    [Fact]
    public void Citalopram_40_mg_at_50_is_within_the_label()
    {
        Assert.Empty(Doses(new PatientBuilder().Aged(50).WithMedication(Rx.Citalopram, "citalopram", dosage: Dose.MgDaily(40))));
    }

    [Fact]
    public void Citalopram_30_mg_with_cimetidine_is_above_the_20_mg_maximum()
    {
        var finding = DoseRule(new PatientBuilder().Aged(50).WithMedication(Rx.Citalopram, "citalopram", dosage: Dose.MgDaily(30)).WithMedication(Rx.Cimetidine, "cimetidine"), "citalopram-cyp2c19-inhibitor-max");

        Assert.NotNull(finding);
        Assert.Contains(finding.Facts, f => f.ResourceId == "med-2" && f.Role == "taken with");
    }
}
