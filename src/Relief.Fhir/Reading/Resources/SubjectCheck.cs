using System.Text.Json;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>
/// Whether a resource is about the read's patient. A resource about someone else must not reach the
/// assessment (a drug of another patient would raise a false interaction), so it is warned about and left out.
/// </summary>
internal static class SubjectCheck
{
    public static bool IsAboutPatient(ResourceEntry entry, ReadContext context)
    {
        var element = ResourceKinds.SubjectElement(entry.Kind);
        var patient = context.Patient;
        if (element is null || patient is null)
        {
            return true;
        }

        if (!TolerantJson.TryGetObject(entry.Resource, element, ElementPath.Root, context, out var subject)
            || !subject.TryGetProperty("reference"u8, out var reference))
        {
            // Observation.subject is optional in R4; the others are required, but in a one-patient
            // bundle a resource without one can only be about that patient.
            if (entry.Kind != ResourceKind.Observation)
            {
                context.Warn(element, $"{element} has no reference; taken to be {patient.Label}");
            }

            return true;
        }

        if (reference.ValueKind != JsonValueKind.String)
        {
            context.Warn($"{element}.reference", $"{element}.reference should be a string, found {TolerantJson.Describe(reference)}; taken to be {patient.Label}");
            return true;
        }

        if (patient.IsNamedBy(reference))
        {
            return true;
        }

        // "p1" for "Patient/p1": not a valid reference, but it can only mean this patient (the CDC opioid examples send it).
        if (reference.ValueEquals(patient.Id))
        {
            context.Warn($"{element}.reference", $"{element}.reference \"{patient.Id}\" lacks its type (Patient/{patient.Id}); taken to be {patient.Label}");
            return true;
        }

        context.Warn($"{element}.reference", $"{element} refers to {reference.GetString()}, not {patient.Label}; resource left out");
        return false;
    }
}
