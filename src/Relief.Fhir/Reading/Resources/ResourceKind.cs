namespace Relief.Fhir.Reading.Resources;

/// <summary>The resource types the reader uses; everything else is counted and passed over.</summary>
internal enum ResourceKind
{
    Other,
    Patient,
    Condition,
    MedicationRequest,
    MedicationStatement,
    Observation,
    AllergyIntolerance,
    Procedure,
    Immunization,
    Medication,
    Encounter,
    CarePlan,
    ServiceRequest,
}

internal static class ResourceKinds
{
    public static ResourceKind Of(string resourceType) => resourceType switch
    {
        "Patient" => ResourceKind.Patient,
        "Condition" => ResourceKind.Condition,
        "MedicationRequest" => ResourceKind.MedicationRequest,
        "MedicationStatement" => ResourceKind.MedicationStatement,
        "Observation" => ResourceKind.Observation,
        "AllergyIntolerance" => ResourceKind.AllergyIntolerance,
        "Procedure" => ResourceKind.Procedure,
        "Immunization" => ResourceKind.Immunization,
        "Medication" => ResourceKind.Medication,
        "Encounter" => ResourceKind.Encounter,
        "CarePlan" => ResourceKind.CarePlan,
        "ServiceRequest" => ResourceKind.ServiceRequest,
        _ => ResourceKind.Other,
    };

    /// <summary>The element that names the patient a resource is about, as R4 names it for each type.</summary>
    public static string? SubjectElement(ResourceKind kind) => kind switch
    {
        ResourceKind.Condition or ResourceKind.MedicationRequest or ResourceKind.MedicationStatement
            or ResourceKind.Observation or ResourceKind.Procedure or ResourceKind.Encounter or ResourceKind.CarePlan
            or ResourceKind.ServiceRequest => "subject",
        ResourceKind.AllergyIntolerance or ResourceKind.Immunization => "patient",
        _ => null,
    };
}
