using Relief.Fhir.Reading.Resources;

namespace Relief.Fhir.Reading;

/// <summary>
/// The resource types the reader uses, for callers that route resources before reading them (bulk
/// screening groups NDJSON lines by patient and passes over every other type unparsed).
/// </summary>
public static class ReadResourceTypes
{
    /// <summary>Patient, Condition, MedicationRequest, MedicationStatement, Observation, AllergyIntolerance, Procedure, Immunization, Medication, Encounter, CarePlan, ServiceRequest.</summary>
    public static bool IsRead(string resourceType) => ResourceKinds.Of(resourceType) != ResourceKind.Other;

    /// <summary>Medication: named by requests and statements, about no patient.</summary>
    public static bool IsShared(string resourceType) => ResourceKinds.Of(resourceType) == ResourceKind.Medication;

    /// <summary>The element naming the patient a resource is about (<c>subject</c> or <c>patient</c>); null for Patient and Medication.</summary>
    public static string? SubjectElement(string resourceType) => ResourceKinds.SubjectElement(ResourceKinds.Of(resourceType));
}
