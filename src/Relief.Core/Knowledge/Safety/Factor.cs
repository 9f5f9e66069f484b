using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// A fact about a patient that changes the safety of a drug (age band, condition, lab state). It holds when
/// ANY of its criteria holds (spec 2).
/// </summary>
public sealed record Factor(
    string Id,
    string Name,
    int? AgeMin,
    int? AgeMax,
    ImmutableArray<Code> Conditions,
    ImmutableArray<string> Icd10CmPrefixes,
    ConditionStatusRule ConditionStatus,
    int? OnsetWithinDays,
    ImmutableArray<ObservationCriterion> Observations,
    KidneyFunctionCriterion? KidneyFunction,
    ImmutableArray<string> SourceIds)
{
    public bool HasAgeCriterion => AgeMin is not null || AgeMax is not null;
}

/// <summary>
/// One lab criterion, judged on the latest usable result of the test within <see cref="WithinDays"/>.
/// <see cref="Value"/> and <see cref="Unit"/> are set for below/above.
/// </summary>
public sealed record ObservationCriterion(
    string TestId,
    ObservationComparison Comparison,
    decimal? Value,
    string? Unit,
    ImmutableArray<Code> ValueCodes,
    ImmutableArray<string> ValueTexts,
    int WithinDays);

/// <summary>Creatinine clearance or eGFR below a value (spec 2.2).</summary>
public sealed record KidneyFunctionCriterion(KidneyMeasure Measure, decimal Below);

/// <summary>How qualitative results are read as positive or negative (spec 2.1).</summary>
public sealed record ResultInterpretation(
    ImmutableArray<Code> PositiveCodes,
    ImmutableArray<Code> NegativeCodes,
    ImmutableArray<Code> IndeterminateCodes,
    ImmutableArray<string> PositiveText,
    ImmutableArray<string> NegativeText);
