using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>Drug x patient factor -> severity (knowledge-format-safety.md §4). <see cref="Ingredients"/> is the resolution of <see cref="Drugs"/>.</summary>
public sealed record Caution(
    string Id,
    ImmutableArray<string> Drugs,
    FrozenSet<string> Ingredients,
    string FactorId,
    int? AgeMin,
    CautionSeverity Severity,
    AppliesTo AppliesTo,
    bool BoxedWarning,
    string Rationale,
    string Action,
    ImmutableArray<string> SourceIds);
