using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Model;

/// <summary>How one source judges one therapy (drug, class or non-drug therapy) for one condition.</summary>
public sealed record EvidenceStatement(
    string Id,
    string ConditionId,
    string TherapyId,
    EvidenceGrade Grade,
    int? Line,
    string? Quality,
    NumberNeeded? Nnt,
    NumberNeeded? Nnh,
    string Summary,
    string SourceId,
    ImmutableArray<string> NotFor);

/// <summary>A number needed to treat or harm, with its 95% confidence interval and the outcome it counts.</summary>
public sealed record NumberNeeded(decimal Value, decimal? Low, decimal? High, string? Outcome)
{
    public override string ToString() => Low is { } low && High is { } high ? $"{Value} ({low}-{high})" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
