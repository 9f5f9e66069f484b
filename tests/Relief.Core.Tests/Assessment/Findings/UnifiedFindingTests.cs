using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using Relief.Core.Tests.Safety;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Assessment.Findings;

/// <summary>Every family's finding appears once in the one shape, on the one severity scale, most severe first.</summary>
public class UnifiedFindingTests
{
    private static PatientBuilder MaoiWashoutWithSertralineAndTramadol() =>
        new PatientBuilder()
            .WithMedication(Rx.Phenelzine, "phenelzine", MedicationUse.Past, Date(2026, 1, 1), Date(2026, 11, 14))
            .WithMedication(Rx.Sertraline, "sertraline", MedicationUse.Proposed, AsOf)
            .WithMedication(Rx.Tramadol, "tramadol 50 MG");

    [Fact]
    public void A_contraindicated_pair_is_contraindicated_on_the_one_scale_and_comes_first()
    {
        var assessment = Assess(MaoiWashoutWithSertralineAndTramadol());

        var first = assessment.Findings[0];
        Assert.Equal(Severity.Contraindicated, first.Severity);
        Assert.Equal(FindingFamily.Interaction, first.Family);
        Assert.Equal("maoi-ssri-snri", first.RuleId);
        Assert.True(first.HighPriority);
        Assert.Contains(assessment.Findings, f => f.RuleId == "tramadol-serotonergic-antidepressant" && f.Severity == Severity.Major);
    }

    [Fact]
    public void Findings_are_ordered_from_most_to_least_severe()
    {
        var findings = Assess(MaoiWashoutWithSertralineAndTramadol()).Findings;

        Assert.True(findings.Length >= 2);
        Assert.Equal(findings.Select(f => f.Severity).OrderDescending(), findings.Select(f => f.Severity));
    }

    [Fact]
    public void Every_family_finding_is_projected_exactly_once()
    {
        var assessment = Assess(MaoiWashoutWithSertralineAndTramadol());

        var expected = assessment.Safety.Cautions.Length + assessment.Safety.Interactions.Length + assessment.Safety.Doses.Length
            + assessment.Monitoring.Length + assessment.Response.Length + assessment.DataQuality.Length;
        Assert.Equal(expected, assessment.Findings.Length);
        Assert.Equal(assessment.Findings.Length, assessment.Findings.Select(f => f.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_key_is_stable_whatever_the_record_order()
    {
        var forward = Assess(MaoiWashoutWithSertralineAndTramadol()).Findings.Select(f => f.Key);
        var record = MaoiWashoutWithSertralineAndTramadol().Build();
        var reversed = record with { Medications = [.. record.Medications.Reverse()] };

        Assert.Equal(forward, Assess(reversed).Findings.Select(f => f.Key));
    }

    [Fact]
    public void A_threshold_that_says_withhold_is_at_least_major()
    {
        var patient = new PatientBuilder()
            .WithMedication(Rx.Methotrexate, "methotrexate 2.5 MG", start: Date(2026, 1, 1), dosage: Dose.Of(15, "mg", 1, 1, "wk"))
            .WithResult(Loinc.Wbc, 3.1m, "10*3/uL", Date(2026, 11, 16));

        var finding = Assert.Single(Assess(patient).Findings, f => f.Family == FindingFamily.Monitoring && f.RuleId == "bsr-2017-dmard/wbc-lt-3.5");

        Assert.Equal(Severity.Major, finding.Severity);
        Assert.Contains(finding.Notes, n => n.Contains("wbc < 3.5", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_baseline_before_a_proposed_biologic_is_at_least_moderate()
    {
        var patient = new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab", MedicationUse.Proposed, AsOf);

        var baselines = Assess(patient).Findings.Where(f => f.Kind == "baseline-missing").ToList();

        Assert.NotEmpty(baselines);
        Assert.All(baselines, f => Assert.True(f.Severity >= Severity.Moderate));
    }

    [Fact]
    public void What_could_not_be_judged_is_info_and_marked_unchecked_never_an_all_clear()
    {
        // Gabapentin's renal rule needs kidney function; with none recorded the caution cannot be judged.
        var patient = new PatientBuilder().Aged(70).WithMedication(Rx.Gabapentin, "gabapentin 300 MG");

        var notJudged = Assess(patient).Findings.Where(f => f.Unchecked).ToList();

        Assert.NotEmpty(notJudged);
        Assert.All(notJudged, f => Assert.Equal(Severity.Info, f.Severity));
    }

    [Theory]
    [InlineData(CautionSeverity.Contraindicated, Severity.Contraindicated)]
    [InlineData(CautionSeverity.Avoid, Severity.Major)]
    [InlineData(CautionSeverity.Caution, Severity.Moderate)]
    public void Caution_severities_map_onto_the_scale(CautionSeverity own, Severity expected) =>
        Assert.Equal(expected, SeverityScale.Of(own));

    [Theory]
    [InlineData(InteractionSeverity.Contraindicated, Severity.Contraindicated)]
    [InlineData(InteractionSeverity.Major, Severity.Major)]
    [InlineData(InteractionSeverity.Moderate, Severity.Moderate)]
    public void Interaction_severities_map_onto_the_scale(InteractionSeverity own, Severity expected) =>
        Assert.Equal(expected, SeverityScale.Of(own));

    [Theory]
    [InlineData(MonitoringFindingKind.ThresholdBreached, MonitoringAction.Stop, Severity.Major)]
    [InlineData(MonitoringFindingKind.ThresholdBreached, MonitoringAction.WithholdAndDiscuss, Severity.Major)]
    [InlineData(MonitoringFindingKind.ThresholdBreached, MonitoringAction.Investigate, Severity.Moderate)]
    [InlineData(MonitoringFindingKind.ThresholdBreached, MonitoringAction.Review, Severity.Moderate)]
    [InlineData(MonitoringFindingKind.BaselineMissing, null, Severity.Moderate)]
    [InlineData(MonitoringFindingKind.Overdue, null, Severity.Moderate)]
    [InlineData(MonitoringFindingKind.Consider, null, Severity.Info)]
    public void Monitoring_kinds_map_onto_the_scale(MonitoringFindingKind kind, MonitoringAction? action, Severity expected) =>
        Assert.Equal(expected, SeverityScale.Of(kind, action));

    [Theory]
    [InlineData(ResponseDecisionKind.Stop, Severity.Moderate)]
    [InlineData(ResponseDecisionKind.Reconsider, Severity.Moderate)]
    [InlineData(ResponseDecisionKind.Continue, Severity.Info)]
    [InlineData(ResponseDecisionKind.TooEarly, Severity.Info)]
    public void Response_decisions_map_onto_the_scale(ResponseDecisionKind decision, Severity expected) =>
        Assert.Equal(expected, SeverityScale.Of(decision));

    [Fact]
    public void Dose_severities_map_onto_the_scale()
    {
        Assert.Equal(Severity.Major, SeverityScale.Of(DoseSeverity.Major));
        Assert.Equal(Severity.Moderate, SeverityScale.Of(DoseSeverity.Moderate));
    }
}
