using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Opioids;

/// <summary>
/// One medication order or statement as the opioid rules see it: what kind of drug it is (opioid analgesic, ER/LA,
/// benzodiazepine, naloxone, MOUD), whether it is the draft being ordered now, an inpatient order, when it was
/// written and how many days it supplies, and its MME/day when that can be worked out.
/// </summary>
internal sealed record OpioidOrder(MedicationFact Fact, ImmutableArray<IngredientMatch> Ingredients)
{
    public bool IsOpioid { get; init; }

    public bool IsExtendedRelease { get; init; }

    public bool IsBenzodiazepine { get; init; }

    public bool IsNaloxone { get; init; }

    public bool IsMoud { get; init; }

    /// <summary>The order being selected or signed now (a draft, proposal or plan: <see cref="MedicationUse.Proposed"/>).</summary>
    public bool IsDraft => Fact.Use == MedicationUse.Proposed;

    public bool IsCurrent => Fact.Use == MedicationUse.Current;

    /// <summary>Inpatient orders are outside the guideline (outpatients only).</summary>
    public bool IsInpatient => Fact.Categories.Contains("inpatient");

    /// <summary>The day it was written: authoredOn, else the start the reader found.</summary>
    public LocalDate? Written => Fact.Authored ?? Fact.Start;

    /// <summary>Days' supply: the expected supply duration, else the dispensed quantity over the doses a day.</summary>
    public decimal? SupplyDays { get; init; }

    /// <summary>MME/day of this order, or null with <see cref="MmeProblem"/> saying why it was not converted.</summary>
    public decimal? Mme { get; init; }

    public string? MmeMethod { get; init; }

    public string? MmeProblem { get; init; }

    public string Reference => $"{Fact.ResourceType}/{Fact.ResourceId}";

    public string Name => Fact.Medication.Codes.IsDefaultOrEmpty
        ? Fact.Medication.Text ?? "(unnamed medication)"
        : Fact.Medication.DisplayFor(Fact.Medication.Codes[0]);

    public ImmutableArray<string> IngredientIds => [.. Ingredients.Select(i => i.DrugId)];

    /// <summary>The days it covers, from the day written for its days' supply (reference "Prescription Relevant Period").</summary>
    public (LocalDate Start, LocalDate End)? Period =>
        Written is { } written && SupplyDays is { } days ? (written, written.PlusDays((int)Math.Floor(days))) : null;

    public FactReference ToFact(string role) => new(Fact.ResourceType, Fact.ResourceId, Name, Written) { Role = role };
}
