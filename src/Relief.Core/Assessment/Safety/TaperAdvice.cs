using System.Collections.Immutable;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Safety;

/// <summary>Whether a drug must be withdrawn gradually, from its dose history (knowledge-format-safety.md §10.5).</summary>
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
public sealed record TaperAdvice(
    string RuleId,
    string IngredientId,
    string Text,
    int? MinDays,
    TaperRate? Rate,
    int? DaysOfUse,
    ImmutableArray<string> GradualIfAny,
    GradualWithdrawal? Gradual,
    ImmutableArray<string> Reasons,
    ImmutableArray<SourceCitation> Sources)
{
    public FindingFamily Family => FindingFamily.Taper;
}
