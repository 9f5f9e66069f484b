using NodaTime;

namespace Relief.Bulk.Synthesis;

/// <summary>One prescription: a product, a dose per administration, how often, since when.</summary>
internal sealed record PlannedMedication
{
    public required SynthProduct Product { get; init; }

    public required LocalDate Start { get; init; }

    /// <summary>Per administration, in <see cref="DoseUnit"/> (mg, or tablets for a combination product).</summary>
    public required decimal Dose { get; init; }

    public required string DoseUnit { get; init; }

    /// <summary>Administrations per <see cref="Period"/> <see cref="PeriodUnit"/> (FHIR Timing.repeat).</summary>
    public required int Frequency { get; init; }

    public required int Period { get; init; }

    public required string PeriodUnit { get; init; }

    public required bool AsNeeded { get; init; }

    public bool Has(string ingredient) => Product.Ingredients.Contains(ingredient);
}

/// <summary>One numeric result (a laboratory test or a pain score) on a date.</summary>
internal sealed record PlannedResult(SynthTest Test, LocalDate Date, decimal Value);

/// <summary>One recorded diagnosis.</summary>
internal sealed record PlannedCondition(SynthCondition Condition, LocalDate Onset);

/// <summary>
/// Everything the generator decided for one patient, and what a correct screen must therefore find
/// (<see cref="Expected"/>, in the vocabulary of <see cref="TruthKeys"/>). Resources are written from this
/// plan, so the truth is known from how the patient was made, never from running the engine.
/// </summary>
internal sealed class PatientPlan
{
    public required string Id { get; init; }

    public required LocalDate BirthDate { get; init; }

    public required bool Female { get; init; }

    public List<PlannedCondition> Conditions { get; } = [];

    public List<PlannedMedication> Medications { get; } = [];

    public List<PlannedResult> Results { get; } = [];

    /// <summary>The generator's choices, by name (regimen, monitoring and response variants), for reading the truth file.</summary>
    public List<string> Scenarios { get; } = [];

    public SortedSet<string> Expected { get; } = new(StringComparer.Ordinal);
}
