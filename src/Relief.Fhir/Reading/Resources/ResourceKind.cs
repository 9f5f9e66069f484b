using System.Runtime.InteropServices;
using System.Text.Json;

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
    /// <summary>
    /// The kind of a <c>resourceType</c> value and its name, read from the JSON without a string for the
    /// types the reader uses (a small patient's every resource); any other type's name is made for counting.
    /// </summary>
    public static ResourceKind Of(JsonElement resourceType, out string name)
    {
        // The value's bytes between the quotes; an escaped value (never seen in practice) is decoded instead.
        var raw = JsonMarshal.GetRawUtf8Value(resourceType);
        if (!raw.Contains((byte)'\\'))
        {
            foreach (var (utf8, kind, text) in KnownTypes)
            {
                if (raw[1..^1].SequenceEqual(utf8))
                {
                    name = text;
                    return kind;
                }
            }
        }

        name = resourceType.GetString()!;
        return Of(name);
    }

    private static readonly (byte[] Utf8, ResourceKind Kind, string Name)[] KnownTypes =
    [
        .. ((string[])["Patient", "Condition", "MedicationRequest", "MedicationStatement", "Observation", "AllergyIntolerance",
            "Procedure", "Immunization", "Medication", "Encounter", "CarePlan", "ServiceRequest"])
            .Select(name => (System.Text.Encoding.UTF8.GetBytes(name), Of(name), name)),
    ];

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
