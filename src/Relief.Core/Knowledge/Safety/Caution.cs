using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>Drug x patient factor -> severity (knowledge-format-safety.md §4). <see cref="Ingredients"/> is the resolution of <see cref="Drugs"/>.</summary>
public sealed record Caution
{
    public required string Id { get; init; }

    public required ImmutableArray<string> Drugs { get; init; }

    public required FrozenSet<string> Ingredients { get; init; }

    public required string FactorId { get; init; }

    public required int? AgeMin { get; init; }

    public required CautionSeverity Severity { get; init; }

    public required AppliesTo AppliesTo { get; init; }

    public required bool BoxedWarning { get; init; }

    public required string Rationale { get; init; }

    public required string Action { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }

    /// <summary>For <see cref="AppliesTo.Stopped"/>: how recently the drug must have been stopped, in days.</summary>
    public int? StoppedWithinDays { get; init; }

    /// <summary>For <see cref="AppliesTo.Stopped"/>: a factor that, when it holds, silences the caution (a documented washout).</summary>
    public string? UnlessFactorId { get; init; }
}
