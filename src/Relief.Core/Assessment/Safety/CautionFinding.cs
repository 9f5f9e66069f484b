using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Safety;

/// <summary>
/// A drug that is unsafe for this patient because of a patient factor (knowledge-format-safety.md §4). <see cref="Criterion"/> says
/// which of the factor's criteria held (age, condition, observation, kidney-function). When the factor could
/// not be judged because renal function is unknown, <see cref="FactorUnknown"/> is true and the finding is
/// given at the lowest severity instead of the rule's.
/// </summary>
public sealed record CautionFinding(
    string RuleId,
    CautionSeverity Severity,
    bool BoxedWarning,
    string FactorId,
    string FactorName,
    string Criterion,
    bool FactorUnknown,
    ImmutableArray<string> IngredientIds,
    ImmutableArray<FactReference> Facts,
    ImmutableArray<ComputedValue> Computed,
    ImmutableArray<Code> Codes,
    string Rationale,
    string Action,
    ImmutableArray<SourceCitation> Sources,
    ImmutableArray<string> Notes)
{
    public FindingFamily Family => FindingFamily.Caution;
}
