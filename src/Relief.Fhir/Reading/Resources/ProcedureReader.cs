using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>Procedure: what was done, its status, and the day it was performed (a Period's start).</summary>
internal static class ProcedureReader
{
    public static ProcedureFact Read(ResourceEntry entry, ReadContext context)
    {
        var resource = entry.Resource;
        var root = ElementPath.Root;
        var status = TolerantJson.String(resource, "status"u8, root, context);
        if (status is null)
        {
            context.Warn("status", "status is missing (FHIR R4 requires it); read as unknown");
        }

        var performed = resource.TryGetProperty("performedDateTime"u8, out _)
            ? FhirDates.DateTime(resource, "performedDateTime"u8, root, context)
            : FhirDates.PeriodStart(resource, "performedPeriod", root, context);
        return new ProcedureFact(entry.Id, CodeableConcepts.Read(resource, "code", root, context), status ?? "unknown", performed);
    }
}
