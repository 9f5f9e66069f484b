using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// A drug-drug interaction (pair), a "so many drugs of a group" rule (count) or a drug-live-vaccine
/// interaction (knowledge-format-safety.md §5). Refs are kept as written; <see cref="A"/> and <see cref="B"/> are their resolutions.
/// </summary>
public sealed record Interaction
{
    public required string Id { get; init; }

    public required InteractionKind Kind { get; init; }

    public required InteractionSeverity Severity { get; init; }

    public required bool OncHighPriority { get; init; }

    public required ImmutableArray<string> ARefs { get; init; }

    public required FrozenSet<string> A { get; init; }

    public required ImmutableArray<string> BRefs { get; init; }

    public required FrozenSet<string> B { get; init; }

    public required string? GroupId { get; init; }

    public required int? MinCount { get; init; }

    public required int? AgeMin { get; init; }

    public required FrozenDictionary<string, int> WashoutDaysByIngredient { get; init; }

    public required string Mechanism { get; init; }

    public required string Management { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }

    /// <summary>
    /// Live-vaccine rules: the advice when the vaccine was already given during the therapy ("review"), which
    /// differs from the advice on a proposed one ("do not give"); null when the rule gives none.
    /// </summary>
    public string? ManagementGiven { get; init; }

    public InteractionSeverity? SeverityGiven { get; init; }

    /// <summary>Combination rules: the third side as written and its resolution (empty for other kinds).</summary>
    public ImmutableArray<string> CRefs { get; init; } = [];

    public FrozenSet<string> C { get; init; } = FrozenSet<string>.Empty;
}
