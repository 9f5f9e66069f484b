using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Safety;

/// <summary>
/// Two (or, for a count rule, several) of the patient's medicines that interact, or a medicine with a live
/// vaccine (knowledge-format-safety.md §5). The same rule is reported once per set of triggering resources.
/// <see cref="OncHighPriority"/> marks the ONC high-priority pairs (Phansalkar 2012).
/// </summary>
public sealed record InteractionFinding
{
    public required string RuleId { get; init; }

    public required InteractionKind Kind { get; init; }

    public required InteractionSeverity Severity { get; init; }

    public required bool OncHighPriority { get; init; }

    public required ImmutableArray<string> IngredientIds { get; init; }

    public required ImmutableArray<FactReference> Facts { get; init; }

    public required ImmutableArray<Code> Codes { get; init; }

    public required string Mechanism { get; init; }

    public required string Management { get; init; }

    public required ImmutableArray<SourceCitation> Sources { get; init; }

    public required ImmutableArray<string> Notes { get; init; }

    public FindingFamily Family => FindingFamily.Interaction;
}
