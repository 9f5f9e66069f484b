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
