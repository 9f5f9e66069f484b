using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>ServiceRequest: its code, status, intent and authoredOn.</summary>
internal static class ServiceRequestReader
{
    public static ServiceRequestFact Read(ResourceEntry entry, ReadContext context)
    {
        var resource = entry.Resource;
        var root = ElementPath.Root;
        return new ServiceRequestFact(
            entry.Id,
            CodeableConcepts.Read(resource, "code", root, context),
            TolerantJson.String(resource, "status"u8, root, context) ?? "unknown",
            TolerantJson.String(resource, "intent"u8, root, context),
            FhirDates.DateTime(resource, "authoredOn"u8, root, context));
    }
}
