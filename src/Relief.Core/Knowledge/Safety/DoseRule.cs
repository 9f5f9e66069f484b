using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// A dose limit or dosing-pattern rule (knowledge-format-safety.md §7). Which fields are set depends on <see cref="Kind"/>:
/// max-daily uses <see cref="MaxDaily"/> (with optional <see cref="FactorId"/> and <see cref="WithIngredients"/>),
/// renal-bands uses <see cref="Bands"/>, mme-daily uses <see cref="MinMme"/>; pattern is always "weekly".
/// </summary>
public sealed record DoseRule
{
    public required string Id { get; init; }

    public required string Drug { get; init; }

    public required FrozenSet<string> Ingredients { get; init; }

    public required DoseRuleKind Kind { get; init; }

    public required Quantity? MaxDaily { get; init; }

    public required string? FactorId { get; init; }

    public required ImmutableArray<string> WithDrugs { get; init; }

    public required FrozenSet<string> WithIngredients { get; init; }

    public required KidneyMeasure? Measure { get; init; }

    public required ImmutableArray<RenalBand> Bands { get; init; }

    public required decimal? MinMme { get; init; }

    public required DoseSeverity Severity { get; init; }

    public required string Rationale { get; init; }

    public required string Action { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }

    /// <summary>Kind max-weekly: the weekly maximum.</summary>
    public Quantity? MaxWeekly { get; init; }

    /// <summary>Kind companion: the companion refs as written and their ingredients.</summary>
    public ImmutableArray<string> Companions { get; init; } = [];

    public FrozenSet<string> CompanionIngredients { get; init; } = FrozenSet<string>.Empty;
}

/// <summary>A creatinine-clearance band <c>[Min, Below)</c> (a missing bound is open) and its maximum daily dose.</summary>
public sealed record RenalBand(decimal? Min, decimal? Below, Quantity MaxDaily)
{
    public bool Contains(decimal clearance) => (Min is not { } min || clearance >= min) && (Below is not { } below || clearance < below);
}

/// <summary>Morphine milligram equivalents per mg of an oral opioid per day.</summary>
public sealed record MmeFactor(string DrugId, decimal Factor, ImmutableArray<string> SourceIds)
{
    /// <summary>
    /// True when the factor multiplies a transdermal delivery rate in micrograms per hour (fentanyl patches, CDC
    /// 2022), not a daily dose in milligrams.
    /// </summary>
    public bool PerMicrogramPerHour { get; init; }

    /// <summary>
    /// Set when the source deliberately gives no factor (buprenorphine, a partial agonist): the total leaves the drug
    /// out and says why, never silently.
    /// </summary>
    public string? NoFactorReason { get; init; }
}
