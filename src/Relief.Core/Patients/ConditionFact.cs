using System.Collections.Immutable;
using NodaTime;

namespace Relief.Core.Patients;

/// <summary>A Condition resource: what it is, whether it is current, and whether it is believed.</summary>
public sealed record ConditionFact(
    string ResourceId,
    CodedText Concept,
    ConditionClinicalStatus ClinicalStatus,
    ConditionVerificationStatus VerificationStatus,
    LocalDate? Onset,
    LocalDate? Abatement,
    LocalDate? Recorded)
{
    /// <summary>Category codes (problem-list-item, encounter-diagnosis, health-concern): the opioid review counts cancer encounter diagnoses apart.</summary>
    public ImmutableArray<string> Categories { get; init; } = [];

    /// <summary>Condition.encounter.reference as written (the visit a diagnosis was made at); null when absent.</summary>
    public string? EncounterReference { get; init; }

    /// <summary>Recorded as a diagnosis at an encounter (US Core category encounter-diagnosis).</summary>
    public bool IsEncounterDiagnosis => Categories.Contains("encounter-diagnosis");

    /// <summary>
    /// Active and not refuted or entered in error. A condition without a clinical status counts as active,
    /// as FHIR R4 allows the element to be absent on problem-list items that are current.
    /// </summary>
    public bool IsCurrent =>
        ClinicalStatus is ConditionClinicalStatus.Active or ConditionClinicalStatus.Recurrence
            or ConditionClinicalStatus.Relapse or ConditionClinicalStatus.Unknown
        && VerificationStatus is not (ConditionVerificationStatus.Refuted or ConditionVerificationStatus.EnteredInError);
}

public enum ConditionClinicalStatus
{
    Unknown,
    Active,
    Recurrence,
    Relapse,
    Inactive,
    Remission,
    Resolved,
}

public enum ConditionVerificationStatus
{
    Unknown,
    Confirmed,
    Provisional,
    Differential,
    Unconfirmed,
    Refuted,
    EnteredInError,
}
