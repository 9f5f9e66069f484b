using NodaTime;

namespace Relief.Core.Patients;

/// <summary>An AllergyIntolerance: the substance and whether it is active and confirmed.</summary>
public sealed record AllergyFact(string ResourceId, CodedText Substance, string? ClinicalStatus, string? VerificationStatus, string? Criticality);

/// <summary>A Procedure that was done (or is in progress), with the date it was performed.</summary>
public sealed record ProcedureFact(string ResourceId, CodedText Concept, string Status, LocalDate? Performed);

/// <summary>An Immunization by vaccine code (CVX), its status and date.</summary>
public sealed record ImmunizationFact(string ResourceId, CodedText Vaccine, string Status, LocalDate? Occurrence);

/// <summary>
/// An Encounter: its type (office visit...), status, when it took place and where the patient went after it
/// (a hospice discharge ends opioid review).
/// </summary>
public sealed record EncounterFact(string ResourceId, CodedText Type, string Status, LocalDate? Start, LocalDate? End)
{
    public CodedText? DischargeDisposition { get; init; }
}

/// <summary>
/// A ServiceRequest: what is ordered (a referral to palliative or hospice care ends opioid review), its status and
/// intent, and the day it was written.
/// </summary>
public sealed record ServiceRequestFact(string ResourceId, CodedText Code, string Status, string? Intent, LocalDate? Authored);

/// <summary>A CarePlan: its category (a pain treatment plan), status, and when it was created or last updated.</summary>
public sealed record CarePlanFact(string ResourceId, CodedText Category, string Status, LocalDate? Created, LocalDate? LastUpdated);
