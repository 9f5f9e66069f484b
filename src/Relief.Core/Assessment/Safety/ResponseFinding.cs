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
public sealed record ResponseFinding(
    string IngredientId,
    FactReference Medication,
    string InstrumentId,
    string InstrumentName,
    FactReference Baseline,
    FactReference FollowUp,
    decimal? ReductionPercent,
    decimal ReductionPoints,
    bool NotAssessable,
    string? BandId,
    string? BandLabel,
    decimal WeeksOnDrug,
    string? AdequateTrialId,
    int? AdequateTrialMinWeeks,
    bool? AfterAdequateTrial,
    ResponseDecisionKind? Decision,
    string? DecisionText,
    ImmutableArray<TaperAdvice> Taper,
    ImmutableArray<Code> Codes,
    ImmutableArray<SourceCitation> Sources,
    ImmutableArray<string> Notes)
{
    public FindingFamily Family => FindingFamily.Response;

    /// <summary>The rule that judged the response: the drug class's adequate-trial entry, else <c>response:&lt;ingredient&gt;</c>.</summary>
    public string RuleId => AdequateTrialId ?? $"response:{IngredientId}";
}
