using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Model;
using Relief.Core.Patients;

namespace Relief.Core.Assessment;

/// <summary>
/// A current or proposed medication weighed against the patient's conditions: what it is (ingredients
/// resolved from the product code), how long it has been taken, and what the evidence says of it here.
/// </summary>
public sealed record MedicationReview
{
    public required string ResourceId { get; init; }

    public required string ResourceType { get; init; }

    public required MedicationUse Use { get; init; }

    public required string Display { get; init; }

    public required ImmutableArray<Code> Codes { get; init; }

    public required ImmutableArray<IngredientMatch> Ingredients { get; init; }

    public required LocalDate? Start { get; init; }

    public required int? DaysOnTherapy { get; init; }

    public required ReviewVerdict Verdict { get; init; }

    public required ImmutableArray<ReviewFinding> Findings { get; init; }
}

/// <summary>An ingredient of a medication and how Relief recognised it.</summary>
public sealed record IngredientMatch(string DrugId, string Name, DrugScope Scope, IngredientResolution ResolvedBy);

public enum IngredientResolution
{
    /// <summary>The RxNorm code is a product in products.yaml.</summary>
    ProductTable,

    /// <summary>The RxNorm code is the ingredient itself.</summary>
    IngredientCode,

    /// <summary>No code was known; the ingredient was read from the product's name.</summary>
    ProductName,
}

/// <summary>What the evidence for this patient's conditions says of a medication, summed up.</summary>
public enum ReviewVerdict
{
    /// <summary>Recommended against for at least one of the patient's conditions and for none.</summary>
    RecommendedAgainst,

    /// <summary>Sources disagree: one recommends it for a condition the patient has, another against.</summary>
    Contested,

    /// <summary>Recommended (weak or strong) for at least one condition, against for none.</summary>
    Supported,

    /// <summary>Only insufficient or experimental evidence for the patient's conditions.</summary>
    Unproven,

    /// <summary>An in-scope drug with no statement for any condition the patient has.</summary>
    NoEvidenceForConditions,

    /// <summary>No statement for the patient's conditions and not a pain or fatigue therapy (a co-medication or unknown).</summary>
    NotAssessed,
}

/// <summary>
/// A statement on one of the medication's ingredients or classes, for one of the patient's conditions.
/// <see cref="Codes"/> are the codes it concerns: the medication's and the condition's as recorded.
/// </summary>
public sealed record ReviewFinding(string ConditionId, string ConditionName, string IngredientId, ImmutableArray<Code> Codes, EvidenceFinding Evidence);
