using System.Collections.Immutable;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Safety;

/// <summary>Whether a drug must be withdrawn gradually, from its dose history (knowledge-format-safety.md §10 item 5).</summary>
public enum GradualWithdrawal
{
    Needed,
    NotNeeded,

    /// <summary>The history could not be judged (dose not computable, or no equivalence for this steroid): follow the text.</summary>
    Unknown,
}

/// <summary>
/// How to stop a drug: the guidance text always; the shortest acceptable taper, the rate chosen by how long
/// the drug has been taken, and, where the knowledge gives machine-readable criteria, whether gradual
/// withdrawal is needed and why.
/// </summary>
public sealed record TaperAdvice
{
    public required string RuleId { get; init; }

    public required string IngredientId { get; init; }

    public required string Text { get; init; }

    public required int? MinDays { get; init; }

    public required TaperRate? Rate { get; init; }

    public required int? DaysOfUse { get; init; }

    public required ImmutableArray<string> GradualIfAny { get; init; }

    public required GradualWithdrawal? Gradual { get; init; }

    public required ImmutableArray<string> Reasons { get; init; }

    public required ImmutableArray<SourceCitation> Sources { get; init; }

    public FindingFamily Family => FindingFamily.Taper;
}
