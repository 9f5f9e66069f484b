using System.Collections.Immutable;
using NodaTime;

namespace Relief.Core.Patients;

/// <summary>
/// One patient's facts as the engine sees them, whatever they were read from (a FHIR bundle, a CDS Hooks
/// prefetch, a bulk export, the follow-up store). Codes are kept as the record gave them; mapping them to
/// knowledge happens in the engine, so an unknown code can be reported rather than lost.
/// </summary>
public sealed record PatientRecord
{
    public required string Id { get; init; }

    public LocalDate? BirthDate { get; init; }

    public AdministrativeSex Sex { get; init; } = AdministrativeSex.Unknown;

    public ImmutableArray<ConditionFact> Conditions { get; init; } = [];

    public ImmutableArray<MedicationFact> Medications { get; init; } = [];

    public ImmutableArray<ObservationFact> Observations { get; init; } = [];

    public ImmutableArray<AllergyFact> Allergies { get; init; } = [];

    public ImmutableArray<ProcedureFact> Procedures { get; init; } = [];

    public ImmutableArray<ImmunizationFact> Immunizations { get; init; } = [];

    public ImmutableArray<EncounterFact> Encounters { get; init; } = [];

    public ImmutableArray<CarePlanFact> CarePlans { get; init; } = [];

    /// <summary>Age in whole years on <paramref name="asOf"/>; null when the birth date is unknown.</summary>
    public int? AgeOn(LocalDate asOf) =>
        BirthDate is { } born && born <= asOf ? Period.Between(born, asOf, PeriodUnits.Years).Years : null;
}

public enum AdministrativeSex
{
    Unknown,
    Female,
    Male,
    Other,
}
