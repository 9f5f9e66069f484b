using NodaTime;

namespace Relief.Bulk.Synthesis;

/// <summary>One prescription: a product, a dose per administration, how often, since when.</summary>
/// <param name="Dose">Per administration, in <paramref name="DoseUnit"/> (mg, or tablets for a combination product).</param>
/// <param name="Frequency">Administrations per <paramref name="Period"/> <paramref name="PeriodUnit"/> (FHIR Timing.repeat).</param>
internal sealed record PlannedMedication(SynthProduct Product, LocalDate Start, decimal Dose, string DoseUnit, int Frequency, int Period, string PeriodUnit, bool AsNeeded)
{
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
