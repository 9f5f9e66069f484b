using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// Dose kinds added by the audit (knowledge-format-safety.md §7.3): hydroxychloroquine per kg of real body weight (AAO 2016),
/// methotrexate's weekly maximum (3E 2009) and folic acid with methotrexate (3E 2009, BSR).
/// </summary>
public class WeightWeeklyAndCompanionDoseTests
{
    private const string Hcq = "Hydroxychloroquine Sulfate 200 MG Oral Tablet";
    private const string FolicAcid = "4511";
    private const string Leucovorin = "6313";

    private static DoseFinding? Rule(PatientBuilder patient, string ruleId) => Assess(patient).Safety.Doses.SingleOrDefault(d => d.RuleId == ruleId);

    private static PatientBuilder OnHcq(decimal tabletsPerDay, decimal? weightKg) =>
        weightKg is { } kg
            ? new PatientBuilder().Aged(45).WithResult(Loinc.Weight, kg, "kg", Date(2026, 10, 1)).WithNamedMedication(Hcq, dosage: Dose.Of(tabletsPerDay, "tablet", 1, 1, "d"))
            : new PatientBuilder().Aged(45).WithNamedMedication(Hcq, dosage: Dose.Of(tabletsPerDay, "tablet", 1, 1, "d"));

    [Fact]
    public void Hcq_400_mg_a_day_at_60_kg_is_above_5_mg_per_kg_of_real_weight()
    {
        var finding = Rule(OnHcq(2, 60), "hydroxychloroquine-per-kg");

        Assert.NotNull(finding);
        Assert.Equal(DoseSeverity.Moderate, finding.Severity);
        Assert.Equal(400, finding.Computed.Value);
        Assert.Equal(new Quantity(300, "mg"), finding.Limit);
        Assert.Equal(6.67m, Assert.Single(finding.Context).Value);
    }

    [Fact]
    public void Hcq_400_mg_a_day_at_80_kg_is_exactly_5_mg_per_kg_and_passes()
    {
        Assert.Null(Rule(OnHcq(2, 80), "hydroxychloroquine-per-kg"));
    }

    [Fact]
    public void Hcq_without_a_recorded_weight_says_so_and_the_weight_the_dose_needs()
    {
        var finding = Rule(OnHcq(2, null), "hydroxychloroquine-per-kg");

        Assert.NotNull(finding);
        Assert.Null(finding.Limit);
        Assert.Contains(finding.Notes, n => n.Contains("body weight not recorded", StringComparison.Ordinal) && n.Contains("80 kg or more", StringComparison.Ordinal));
    }

    [Fact]
    public void A_weight_in_pounds_is_converted_before_the_check()
    {
        // 176.4 lb = 80 kg: 400 mg/day is 5 mg/kg.
        var patient = new PatientBuilder().Aged(45).WithResult(Loinc.Weight, 176.4m, "[lb_av]", Date(2026, 10, 1)).WithNamedMedication(Hcq, dosage: Dose.Of(2, "tablet", 1, 1, "d"));

        Assert.Null(Rule(patient, "hydroxychloroquine-per-kg"));
    }

    [Fact]
    public void Methotrexate_above_30_mg_a_week_is_flagged_and_25_mg_is_not()
    {
        PatientBuilder Weekly(decimal tablets) => new PatientBuilder().WithNamedMedication(Rx.MethotrexateTablet, dosage: Dose.Of(tablets, "tablet", 1, 1, "wk")).WithMedication(FolicAcid, "folic acid");

        var finding = Rule(Weekly(14), "methotrexate-weekly-max");
        Assert.Equal(35, finding?.Computed.Value);
        Assert.Equal("mg/week", finding?.Computed.Unit);
        Assert.Null(Rule(Weekly(10), "methotrexate-weekly-max"));
    }

    [Fact]
    public void Methotrexate_without_folic_acid_asks_for_it()
    {
        var finding = Rule(new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate"), "methotrexate-folic-acid");

        Assert.Equal(DoseSeverity.Moderate, finding?.Severity);
        Assert.Equal(DoseRuleKind.Companion, finding?.Kind);
    }

    [Theory]
    [InlineData(FolicAcid)]
    [InlineData(Leucovorin)]
    public void Methotrexate_with_folic_or_folinic_acid_is_answered(string supplement)
    {
        Assert.Null(Rule(new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate").WithMedication(supplement, "supplement"), "methotrexate-folic-acid"));
    }

    [Fact]
    public void Folic_acid_that_was_stopped_does_not_answer_it()
    {
        var patient = new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate").WithMedication(FolicAcid, "folic acid", MedicationUse.Past, Date(2025, 1, 1), Date(2025, 6, 1));

        Assert.NotNull(Rule(patient, "methotrexate-folic-acid"));
    }

    [Fact]
    public void The_companion_finding_is_titled_by_what_is_missing()
    {
        var finding = Assert.Single(Assess(new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate")).Findings, f => f.RuleId == "methotrexate-folic-acid");

        Assert.Equal("methotrexate without folic acid or leucovorin", finding.Title);
    }
}
