using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// A fact about a patient that changes the safety of a drug (age band, condition, lab state). It holds when
/// ANY of its criteria holds (knowledge-format-safety.md §2).
/// </summary>
public sealed record Factor
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required int? AgeMin { get; init; }

    public required int? AgeMax { get; init; }

    public required ImmutableArray<Code> Conditions { get; init; }

    public required ImmutableArray<string> Icd10CmPrefixes { get; init; }

    public required ConditionStatusRule ConditionStatus { get; init; }

    public required int? OnsetWithinDays { get; init; }

    public required ImmutableArray<ObservationCriterion> Observations { get; init; }

    public required KidneyFunctionCriterion? KidneyFunction { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }

    public bool HasAgeCriterion => AgeMin is not null || AgeMax is not null;

    /// <summary>
    /// A condition carrying any of these codes never counts for this factor, whatever else it is coded with:
    /// postherpetic neuralgia (B02.2x) is coded under zoster but is not an active infection.
    /// </summary>
    public ImmutableArray<Code> ExcludeConditions { get; init; } = [];

    /// <summary>ICD-10-CM prefixes (without dots) whose conditions never count for this factor.</summary>
    public ImmutableArray<string> ExcludeIcd10CmPrefixes { get; init; } = [];

    /// <summary>
    /// Conditions that end the state (delivery, abortion): evidence dated on or before the latest such event no
    /// longer counts, so a pregnancy recorded before a delivery does not fire.
    /// </summary>
    public ImmutableArray<Code> EndConditions { get; init; } = [];

    /// <summary>ICD-10-CM prefixes (without dots) of the conditions that end the state.</summary>
    public ImmutableArray<string> EndIcd10CmPrefixes { get; init; } = [];

    /// <summary>
    /// When set, condition evidence older than this many days does not count (a local convention from
    /// conventions.yaml, named by <see cref="EvidenceConvention"/>): records leave pregnancies "active" for years.
    /// </summary>
    public int? EvidenceWithinDays { get; init; }

    /// <summary>The conventions.yaml key <see cref="EvidenceWithinDays"/> came from, for the finding's note.</summary>
    public string? EvidenceConvention { get; init; }

    public bool HasEnd => !EndConditions.IsEmpty || !EndIcd10CmPrefixes.IsEmpty;

    /// <summary>
    /// Procedure codes (exact match): a completed or in-progress Procedure with one of them holds the factor, within
    /// <see cref="ProcedureWithinDays"/> of asOf when that is set (the peri-operative setting of a CABG).
    /// </summary>
    public ImmutableArray<Code> Procedures { get; init; } = [];

    /// <summary>When set, only a procedure performed in the last N days counts, and an undated one does not.</summary>
    public int? ProcedureWithinDays { get; init; }
}

/// <summary>
/// One lab criterion, judged on the latest usable result of the test within <see cref="WithinDays"/>.
/// <see cref="Value"/> and <see cref="Unit"/> are set for below/above.
/// </summary>
public sealed record ObservationCriterion
{
    public required string TestId { get; init; }

    public required ObservationComparison Comparison { get; init; }

    public required decimal? Value { get; init; }

    public required string? Unit { get; init; }

    public required ImmutableArray<Code> ValueCodes { get; init; }

    public required ImmutableArray<string> ValueTexts { get; init; }

    public required int WithinDays { get; init; }

    /// <summary>For <see cref="ObservationComparison.PhenotypeIn"/>: the phenotypes that make the criterion hold.</summary>
    public ImmutableArray<string> Phenotypes { get; init; } = [];

    /// <summary>
    /// For below/above: the latest result and every earlier one back to a result at least this many days older must all pass
    /// (two teriflunomide levels below 0.02 mg/L at least 14 days apart).
    /// </summary>
    public int? ConfirmedApartDays { get; init; }
}

/// <summary>Creatinine clearance or eGFR below a value (knowledge-format-safety.md §2.2).</summary>
public sealed record KidneyFunctionCriterion(KidneyMeasure Measure, decimal Below);

/// <summary>How qualitative results are read as positive or negative (knowledge-format-safety.md §2.1).</summary>
public sealed record ResultInterpretation(
    ImmutableArray<Code> PositiveCodes,
    ImmutableArray<Code> NegativeCodes,
    ImmutableArray<Code> IndeterminateCodes,
    ImmutableArray<string> PositiveText,
    ImmutableArray<string> NegativeText);
