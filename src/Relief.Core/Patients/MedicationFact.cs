using System.Collections.Immutable;
using NodaTime;

namespace Relief.Core.Patients;

/// <summary>
/// A MedicationRequest or MedicationStatement, reduced to what is prescribed, its standing
/// (current, proposed or past) and its dosage.
/// </summary>
public sealed record MedicationFact(
    string ResourceId,
    string ResourceType,
    CodedText Medication,
    MedicationUse Use,
    string Status,
    string? Intent,
    LocalDate? Start,
    LocalDate? End)
{
    public ImmutableArray<DosageFact> Dosages { get; init; } = [];
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
public sealed record DosageFact(
    string? Text,
    decimal? DoseValue,
    string? DoseUnit,
    int? Frequency,
    decimal? Period,
    string? PeriodUnit,
    bool AsNeeded,
    string? Route);
