using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// "Do not start" limits for a proposed drug (knowledge-format-safety.md §8.2b; knowledge-review-safety.md §16.2): the JAK
/// inhibitor labels say not to initiate with lymphocytes below 500/mm3, neutrophils below 1000/mm3, or haemoglobin below
/// 9 g/dL (tofacitinib) or 8 g/dL (baricitinib, upadacitinib). Judged on the latest result within 90 days.
/// </summary>
public class StartLimitTests
{
    private const string Tofacitinib = "1357536";
    private const string Lymphocytes = "731-0";
    private const string Hemoglobin = "718-7";

    private static PatientBuilder Proposed(string drug = "tofacitinib") =>
        (drug == "tofacitinib"
            ? new PatientBuilder().Aged(55).WithMedication(Tofacitinib, "tofacitinib", MedicationUse.Proposed, AsOf)
            : new PatientBuilder().Aged(55).WithNamedMedication(drug, MedicationUse.Proposed, AsOf));

    private static MonitoringFinding? Limit(PatientBuilder patient, string test) =>
        Assess(patient).Monitoring.SingleOrDefault(f => f.ProtocolId == "jak-inhibitor" && f.RuleId.Contains("/start/" + test, StringComparison.Ordinal));

    [Fact]
    public void A_lymphocyte_count_below_500_per_mm3_says_do_not_start_and_is_major()
    {
        // 400 /uL = 0.4 x 10^9/L.
        var finding = Limit(Proposed().WithResult(Lymphocytes, 0.4m, "10*3/uL", AsOf.PlusDays(-10)), "lymphocytes");

        Assert.NotNull(finding);
        Assert.Equal(MonitoringFindingKind.ThresholdBreached, finding.Kind);
        Assert.Equal(MonitoringAction.WithholdAndDiscuss, finding.Action);
        Assert.Equal(Severity.Major, SeverityScale.Of(finding.Kind, finding.Action));
        Assert.Contains("do not start", finding.Message, StringComparison.Ordinal);
        Assert.Contains(finding.Sources, s => s.Id == "jak-inhibitor-labels");
    }

    [Fact]
    public void Counts_at_or_above_the_limits_do_not_fire()
    {
        var patient = Proposed().WithResult(Lymphocytes, 0.5m, "10*9/L", AsOf.PlusDays(-10))
            .WithResult(Loinc.Neutrophils, 1.0m, "10*9/L", AsOf.PlusDays(-10)).WithResult(Hemoglobin, 9.0m, "g/dL", AsOf.PlusDays(-10));

        Assert.DoesNotContain(Assess(patient).Monitoring, f => f.RuleId.Contains("/start/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_neutrophil_count_below_1000_per_mm3_fires_in_the_unit_it_was_reported_in()
    {
        var finding = Limit(Proposed().WithResult(Loinc.Neutrophils, 800, "/uL", AsOf.PlusDays(-5)), "neutrophils");

        Assert.NotNull(finding);
        Assert.Contains("800 /uL", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Haemoglobin_limits_are_the_drugs_own()
    {
        // 8.5 g/dL: below tofacitinib's 9, above upadacitinib's and baricitinib's 8.
        Assert.NotNull(Limit(Proposed().WithResult(Hemoglobin, 8.5m, "g/dL", AsOf.PlusDays(-5)), "hemoglobin"));
        Assert.Null(Limit(Proposed("upadacitinib").WithResult(Hemoglobin, 8.5m, "g/dL", AsOf.PlusDays(-5)), "hemoglobin"));
        Assert.Null(Limit(Proposed("baricitinib").WithResult(Hemoglobin, 8.5m, "g/dL", AsOf.PlusDays(-5)), "hemoglobin"));
        Assert.NotNull(Limit(Proposed("upadacitinib").WithResult(Hemoglobin, 75, "g/L", AsOf.PlusDays(-5)), "hemoglobin"));
    }

    [Fact]
    public void Only_the_most_recent_result_within_90_days_is_judged()
    {
        // A low count then a normal one: the latest is normal.
        Assert.Null(Limit(Proposed().WithResult(Lymphocytes, 0.3m, "10*9/L", AsOf.PlusDays(-40)).WithResult(Lymphocytes, 1.2m, "10*9/L", AsOf.PlusDays(-5)), "lymphocytes"));

        // A low count older than 90 days is not judged; the baseline item reports the count missing instead.
        var old = Assess(Proposed().WithResult(Lymphocytes, 0.3m, "10*9/L", AsOf.PlusDays(-120)));
        Assert.DoesNotContain(old.Monitoring, f => f.RuleId.Contains("/start/lymphocytes", StringComparison.Ordinal));
        Assert.Contains(old.Monitoring, f => f.RuleId == "jak-inhibitor/baseline-3" && f.Kind == MonitoringFindingKind.BaselineMissing);
    }

    [Fact]
    public void A_current_jak_inhibitor_is_not_judged_by_the_start_limit()
    {
        var current = new PatientBuilder().Aged(55).WithMedication(Tofacitinib, "tofacitinib", start: AsOf.PlusDays(-200))
            .WithResult(Lymphocytes, 0.4m, "10*9/L", AsOf.PlusDays(-5));

        Assert.DoesNotContain(Assess(current).Monitoring, f => f.RuleId.Contains("/start/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_low_count_without_a_proposed_jak_inhibitor_gives_no_finding()
    {
        var patient = new PatientBuilder().Aged(55).WithResult(Lymphocytes, 0.4m, "10*9/L", AsOf.PlusDays(-5));

        Assert.DoesNotContain(Assess(patient).Monitoring, f => f.ProtocolId == "jak-inhibitor");
    }
}
