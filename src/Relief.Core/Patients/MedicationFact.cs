using System.Collections.Immutable;
using NodaTime;

namespace Relief.Core.Patients;

/// <summary>
/// A MedicationRequest or MedicationStatement, reduced to what is prescribed, its standing
/// (current, proposed or past) and its dosage.
/// </summary>
public sealed record MedicationFact
{
    public required string ResourceId { get; init; }

    public required string ResourceType { get; init; }

    public required CodedText Medication { get; init; }

    public required MedicationUse Use { get; init; }

    public required string Status { get; init; }

    public required string? Intent { get; init; }

    public required LocalDate? Start { get; init; }

    public required LocalDate? End { get; init; }

    public ImmutableArray<DosageFact> Dosages { get; init; } = [];

    /// <summary>The day a request was written (authoredOn); episodes and look-back windows count from it.</summary>
    public LocalDate? Authored { get; init; }

    /// <summary>Request category codes (community, inpatient, outpatient, discharge): inpatient orders are outside the opioid guideline.</summary>
    public ImmutableArray<string> Categories { get; init; } = [];

    /// <summary>dispenseRequest.expectedSupplyDuration in days (a, mo, wk, d, h, min and s converted), when given.</summary>
    public decimal? SupplyDays { get; init; }

    /// <summary>dispenseRequest.quantity as written (value and unit), when given.</summary>
    public decimal? DispenseQuantity { get; init; }

    public string? DispenseUnit { get; init; }

    /// <summary>dispenseRequest.numberOfRepeatsAllowed.</summary>
    public int? Repeats { get; init; }
}

/// <summary>How a medication stands for this patient.</summary>
public enum MedicationUse
{
    /// <summary>Being taken now (request active or on hold; statement active).</summary>
    Current,

    /// <summary>Not yet started: a draft request, an intent of proposal or plan, an intended statement.</summary>
    Proposed,

    /// <summary>Stopped, completed, cancelled or not taken: history only.</summary>
    Past,

    /// <summary>Entered in error: ignored.</summary>
    Invalid,
}

/// <summary>
/// One FHIR Dosage: dose quantity (or range high end), timing and route, enough to compute a daily dose.
/// </summary>
public sealed record DosageFact
{
    public required string? Text { get; init; }

    public required decimal? DoseValue { get; init; }

    public required string? DoseUnit { get; init; }

    public required int? Frequency { get; init; }

    public required decimal? Period { get; init; }

    public required string? PeriodUnit { get; init; }

    public required bool AsNeeded { get; init; }

    public required string? Route { get; init; }

    /// <summary>Timing.repeat.frequencyMax: the most administrations a period allows ("1-2 tablets up to 4 times a day").</summary>
    public int? FrequencyMax { get; init; }

    /// <summary>How many doseAndRate entries the dosage had; the reader keeps the ordered one, else the largest dose.</summary>
    public int DoseEntries { get; init; } = 1;
}
