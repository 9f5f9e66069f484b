using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Safety;

/// <summary>
/// Whether a current pain drug is working (knowledge-format-safety.md §10): the pain score before the start against the latest one
/// on the same instrument, the IMMPACT band, whether the drug class's adequate trial has elapsed, and the
/// decision it leads to, with taper guidance when the decision is to stop.
/// <see cref="ReductionPercent"/> is null and <see cref="NotAssessable"/> true when the baseline is 0.
/// </summary>
public sealed record ResponseFinding
{
    public required string IngredientId { get; init; }

    public required FactReference Medication { get; init; }

    public required string InstrumentId { get; init; }

    public required string InstrumentName { get; init; }

    public required FactReference Baseline { get; init; }

    public required FactReference FollowUp { get; init; }

    public decimal? ReductionPercent { get; init; }

    public required decimal ReductionPoints { get; init; }

    public required bool NotAssessable { get; init; }

    public string? BandId { get; init; }

    public string? BandLabel { get; init; }

    public required decimal WeeksOnDrug { get; init; }

    public string? AdequateTrialId { get; init; }

    public int? AdequateTrialMinWeeks { get; init; }

    public bool? AfterAdequateTrial { get; init; }

    public ResponseDecisionKind? Decision { get; init; }

    public string? DecisionText { get; init; }

    public required ImmutableArray<TaperAdvice> Taper { get; init; }

    public required ImmutableArray<Code> Codes { get; init; }

    public required ImmutableArray<SourceCitation> Sources { get; init; }

    public required ImmutableArray<string> Notes { get; init; }

    public FindingFamily Family => FindingFamily.Response;

    /// <summary>The rule that judged the response: the drug class's adequate-trial entry, else <c>response:&lt;ingredient&gt;</c>.</summary>
    public string RuleId => AdequateTrialId ?? $"response:{IngredientId}";
}
