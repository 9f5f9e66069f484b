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

    /// <summary>The patient's name as the record gives it (for the header a clinician reads); null when absent.</summary>
    public string? Name { get; init; }

    public LocalDate? BirthDate { get; init; }

    public AdministrativeSex Sex { get; init; } = AdministrativeSex.Unknown;

    /// <summary>True when the record says the patient has died (Patient.deceasedBoolean or deceasedDateTime).</summary>
    public bool Deceased { get; init; }

    /// <summary>The date of death when the record gives one (deceasedDateTime).</summary>
    public LocalDate? DeceasedOn { get; init; }

    /// <summary>Dead on <paramref name="asOf"/>: a death recorded without a date, or dated on or before it.</summary>
    public bool DeceasedOnOrBefore(LocalDate asOf) => Deceased && (DeceasedOn is not { } died || died <= asOf);

    public ImmutableArray<ConditionFact> Conditions { get; init; } = [];

    public ImmutableArray<MedicationFact> Medications { get; init; } = [];

    public ImmutableArray<ObservationFact> Observations { get; init; } = [];

    public ImmutableArray<AllergyFact> Allergies { get; init; } = [];

    public ImmutableArray<ProcedureFact> Procedures { get; init; } = [];

    public ImmutableArray<ImmunizationFact> Immunizations { get; init; } = [];

    public ImmutableArray<EncounterFact> Encounters { get; init; } = [];

    public ImmutableArray<CarePlanFact> CarePlans { get; init; } = [];

    public ImmutableArray<ServiceRequestFact> ServiceRequests { get; init; } = [];

    /// <summary>Age in whole years on <paramref name="asOf"/>; null when the birth date is unknown.</summary>
    /// <remarks>
    /// The most years that can be added to the birth date without passing <paramref name="asOf"/>, as
    /// <c>Period.Between(born, asOf, PeriodUnits.Years)</c> counts them (someone born on 29 February turns a year older
    /// on 28 February of a common year, where PlusYears lands), without the Period object that call allocates: every
    /// assessment asks for the age several times (PatientAgeTests compares the two over every day of several years).
    /// </remarks>
    public int? AgeOn(LocalDate asOf) =>
        BirthDate is { } born && born <= asOf ? YearsBetween(born, asOf) : null;

    private static int YearsBetween(LocalDate born, LocalDate asOf)
    {
        var years = asOf.Year - born.Year;
        return born.PlusYears(years) > asOf ? years - 1 : years;
    }
}

public enum AdministrativeSex
{
    Unknown,
    Female,
    Male,
    Other,
}
