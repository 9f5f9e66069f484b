using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Safety;

/// <summary>
/// A dose above a limit that matters for this patient, or a dosing pattern that is wrong (knowledge-format-safety.md §7).
/// <see cref="Computed"/> is the daily dose, the MME/day or the administrations per week, with its inputs;
/// <see cref="Limit"/> the maximum it was held against (absent for the weekly pattern).
/// </summary>
public sealed record DoseFinding(
    string RuleId,
    DoseRuleKind Kind,
    DoseSeverity Severity,
    ImmutableArray<string> IngredientIds,
    ComputedValue Computed,
    Quantity? Limit,
    ImmutableArray<FactReference> Facts,
    ImmutableArray<ComputedValue> Context,
    ImmutableArray<Code> Codes,
    string Rationale,
    string Action,
    ImmutableArray<SourceCitation> Sources,
    ImmutableArray<string> Notes)
{
    public FindingFamily Family => FindingFamily.Dose;
}
