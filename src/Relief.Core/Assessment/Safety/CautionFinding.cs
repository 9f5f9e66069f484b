using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Safety;

/// <summary>
/// A drug that is unsafe for this patient because of a patient factor (knowledge-format-safety.md §4). <see cref="Criterion"/> says
/// which of the factor's criteria held (age, condition, procedure, observation, kidney-function). When the factor could
/// not be judged because renal function is unknown, <see cref="FactorUnknown"/> is true and the finding is
/// given at the lowest severity instead of the rule's.
/// </summary>
public sealed record CautionFinding
{
    public required string RuleId { get; init; }

    public required CautionSeverity Severity { get; init; }

    public required bool BoxedWarning { get; init; }

    public required string FactorId { get; init; }

    public required string FactorName { get; init; }

    public required string Criterion { get; init; }

    public required bool FactorUnknown { get; init; }

    public required ImmutableArray<string> IngredientIds { get; init; }

    public required ImmutableArray<FactReference> Facts { get; init; }

    public required ImmutableArray<ComputedValue> Computed { get; init; }

    public required ImmutableArray<Code> Codes { get; init; }

    public required string Rationale { get; init; }

    public required string Action { get; init; }

    public required ImmutableArray<SourceCitation> Sources { get; init; }

    public required ImmutableArray<string> Notes { get; init; }

    public FindingFamily Family => FindingFamily.Caution;
}
