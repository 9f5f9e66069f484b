using System.Collections.Frozen;
using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Core.Knowledge.Safety;

/// <summary>A pain score instrument (knowledge-format-safety.md §10); scores are compared only within one instrument.</summary>
public sealed record PainInstrument(string Id, string Name, ImmutableArray<Code> Codes, decimal Min, decimal Max, ImmutableArray<string> SourceIds);

/// <summary>
/// A response band, tested in file order: it matches when the reduction reaches
/// <see cref="MinReductionPercent"/> or <see cref="OrMinReductionPoints"/>; a band with neither matches anything left.
/// </summary>
public sealed record ResponseBand(string Id, decimal? MinReductionPercent, decimal? OrMinReductionPoints, string Label, ImmutableArray<string> SourceIds)
{
    public bool Matches(decimal reductionPercent, decimal reductionPoints) =>
        (MinReductionPercent is null && OrMinReductionPoints is null)
        || (MinReductionPercent is { } percent && reductionPercent >= percent)
        || (OrMinReductionPoints is { } points && reductionPoints >= points);
}

/// <summary>How long a drug class must be taken before its effect can be judged.</summary>
public sealed record AdequateTrial
{
    public required string Id { get; init; }

    public required ImmutableArray<string> Drugs { get; init; }

    public required FrozenSet<string> Ingredients { get; init; }

    public required int MinWeeks { get; init; }

    public required int? MaxWeeks { get; init; }

    public required string? Note { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }
}

/// <summary>What to do once the band is known, before or after the adequate trial.</summary>
public sealed record ResponseDecision(ImmutableArray<string> WhenBand, bool AfterAdequateTrial, ResponseDecisionKind Decision, string Text, ImmutableArray<string> SourceIds);

/// <summary>How to stop a drug (knowledge-format-safety.md §10.4): always a text; optionally a minimum length, rates by duration of use, and criteria.</summary>
public sealed record TaperRule
{
    public required string Id { get; init; }

    public required ImmutableArray<string> Drugs { get; init; }

    public required FrozenSet<string> Ingredients { get; init; }

    public required string Text { get; init; }

    public required int? MinDays { get; init; }

    public required ImmutableArray<TaperRate> Rates { get; init; }

    public required ImmutableArray<string> GradualIfAny { get; init; }

    public required ImmutableArray<WithdrawalCriterion> MachineReadable { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }
}

/// <summary>A taper rate chosen by how long the drug has been taken (<c>asOf - Start</c>).</summary>
public sealed record TaperRate(int? AfterUseDaysMin, int? AfterUseDaysBelow, decimal PercentOfOriginalDose, TaperPer Per)
{
    public bool AppliesAfter(int daysOfUse) =>
        (AfterUseDaysMin is not { } min || daysOfUse >= min) && (AfterUseDaysBelow is not { } below || daysOfUse < below);
}

/// <summary>A machine-readable "withdraw gradually if" criterion.</summary>
public sealed record WithdrawalCriterion(WithdrawalRule Rule, decimal? Value, string? Unit, string? EquivalentOf, int DaysOver);
