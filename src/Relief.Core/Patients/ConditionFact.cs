using System.Collections.Immutable;
using NodaTime;

namespace Relief.Core.Patients;

/// <summary>A Condition resource: what it is, whether it is current, and whether it is believed.</summary>
public sealed record ConditionFact
{
    public required string ResourceId { get; init; }

    public required CodedText Concept { get; init; }

    public required ConditionClinicalStatus ClinicalStatus { get; init; }

    public required ConditionVerificationStatus VerificationStatus { get; init; }

    public required LocalDate? Onset { get; init; }

    public required LocalDate? Abatement { get; init; }

    public required LocalDate? Recorded { get; init; }

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
