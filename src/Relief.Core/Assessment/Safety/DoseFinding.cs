using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Safety;

/// <summary>
/// A dose above a limit that matters for this patient, or a dosing pattern that is wrong (knowledge-format-safety.md §7).
/// <see cref="Computed"/> is the daily dose, the MME/day or the administrations per week, with its inputs;
/// <see cref="Limit"/> the maximum it was held against (absent for the weekly pattern).
/// </summary>
public sealed record DoseFinding
{
    public required string RuleId { get; init; }

    public required DoseRuleKind Kind { get; init; }

    public required DoseSeverity Severity { get; init; }

    public required ImmutableArray<string> IngredientIds { get; init; }

    public required ComputedValue Computed { get; init; }

    public required Quantity? Limit { get; init; }

    public required ImmutableArray<FactReference> Facts { get; init; }

    public required ImmutableArray<ComputedValue> Context { get; init; }

    public required ImmutableArray<Code> Codes { get; init; }

    public required string Rationale { get; init; }

    public required string Action { get; init; }

    public required ImmutableArray<SourceCitation> Sources { get; init; }

    public required ImmutableArray<string> Notes { get; init; }

    public FindingFamily Family => FindingFamily.Dose;
}
