using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>Immunization: the vaccine (CVX), its status and the day it was given.</summary>
internal static class ImmunizationReader
{
    public static ImmunizationFact Read(ResourceEntry entry, ReadContext context)
    {
        var resource = entry.Resource;
        var root = ElementPath.Root;
        var status = TolerantJson.String(resource, "status"u8, root, context);
        if (status is null)
        {
            context.Warn("status", "status is missing (FHIR R4 requires it); read as unknown");
        }

        if (!resource.TryGetProperty("vaccineCode"u8, out _))
        {
            context.Warn("vaccineCode", "vaccineCode is missing (FHIR R4 requires it); the vaccine is unknown");
        }

        if (resource.TryGetProperty("occurrenceString"u8, out _))
        {
            context.Warn("occurrenceString", "occurrenceString is not a calendar date; occurrence left empty");
        }

        return new ImmunizationFact(
            entry.Id,
            CodeableConcepts.Read(resource, "vaccineCode", root, context),
            status ?? "unknown",
            FhirDates.DateTime(resource, "occurrenceDateTime"u8, root, context));
    }
}
