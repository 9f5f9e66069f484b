using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// A drug-drug interaction (pair), a "so many drugs of a group" rule (count) or a drug-live-vaccine
/// interaction (knowledge-format-safety.md §5). Refs are kept as written; <see cref="A"/> and <see cref="B"/> are their resolutions.
/// </summary>
public sealed record Interaction(
    string Id,
    InteractionKind Kind,
    InteractionSeverity Severity,
    bool OncHighPriority,
    ImmutableArray<string> ARefs,
    FrozenSet<string> A,
    ImmutableArray<string> BRefs,
    FrozenSet<string> B,
    string? GroupId,
    int? MinCount,
    int? AgeMin,
    FrozenDictionary<string, int> WashoutDaysByIngredient,
    string Mechanism,
    string Management,
    ImmutableArray<string> SourceIds)
{
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
