using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Safety;

/// <summary>
/// Two (or, for a count rule, several) of the patient's medicines that interact, or a medicine with a live
/// vaccine (knowledge-format-safety.md §5). The same rule is reported once per set of triggering resources.
/// <see cref="OncHighPriority"/> marks the ONC high-priority pairs (Phansalkar 2012).
/// </summary>
public sealed record InteractionFinding(
    string RuleId,
    InteractionKind Kind,
    InteractionSeverity Severity,
    bool OncHighPriority,
    ImmutableArray<string> IngredientIds,
    ImmutableArray<FactReference> Facts,
    ImmutableArray<Code> Codes,
    string Mechanism,
    string Management,
    ImmutableArray<SourceCitation> Sources,
    ImmutableArray<string> Notes)
{
    public FindingFamily Family => FindingFamily.Interaction;
}
