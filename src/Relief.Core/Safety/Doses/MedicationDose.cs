using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;

namespace Relief.Core.Safety.Doses;

/// <summary>
/// The daily dose of one ingredient in one order, in mg, with the administrations per day and how it was
/// worked out; or the reason it could not be (<see cref="Problem"/>).
/// </summary>
internal sealed record MedicationDose
{
    public required ResolvedMedication Medication { get; init; }

    public required string IngredientId { get; init; }

    public required decimal? MgPerDay { get; init; }

    public required decimal? AdministrationsPerDay { get; init; }

    public required bool AsNeeded { get; init; }

    /// <summary>How the dose was worked out; "" when it could not be. Written on first read (only findings quote it).</summary>
    public string Explanation => _explanation ??= Explainer?.Explain(Medication, IngredientId) ?? "";

    /// <summary>The calculator that computed the dose and writes its explanation; null when the dose is not computable.</summary>
    public required DailyDoseCalculator? Explainer { get; init; }

    private string? _explanation;

    public required string? Problem { get; init; }

    public ComputedInput ToInput() =>
        new(Medication.Fact.Medication.ToString(), Problem is null ? Explanation : $"not computable: {Problem}", Medication.Reference);
}

/// <summary>The total daily dose of an ingredient over every current and proposed order: unknown if any part is.</summary>
internal sealed record IngredientDose(string IngredientId, ImmutableArray<MedicationDose> Parts)
{
    /// <summary>
    /// The sum of the parts (null when there are none or any is unknown), added in order from 0 as Enumerable.Sum did.
    /// Loops: the rules read it several times each, and LINQ over the array boxed it on every read.
    /// </summary>
    public decimal? MgPerDay
    {
        get
        {
            if (Parts.IsEmpty)
            {
                return null;
            }

            decimal sum = 0;
            foreach (var part in Parts)
            {
                if (part.MgPerDay is not { } mg)
                {
                    return null;
                }

                sum += mg;
            }

            return sum;
        }
    }

    public bool AsNeeded
    {
        get
        {
            foreach (var part in Parts)
            {
                if (part.AsNeeded)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public ComputedValue ToComputed() => new(
        "daily-dose",
        Math.Round(MgPerDay ?? 0, 2),
        "mg/day",
        AsNeeded ? "dosage (as-needed maximum)" : "dosage",
        [.. Parts.Select(p => p.ToInput())])
    {
        Notes = AsNeeded ? ["as-needed maximum: the dose if every allowed administration is taken"] : [],
    };
}
