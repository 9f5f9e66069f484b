using NodaTime;
using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>MedicationStatement: what the patient takes or took, by their or a clinician's account.</summary>
internal static class MedicationStatementReader
{
    public static MedicationFact Read(ResourceEntry entry, ReadContext context)
    {
        var resource = entry.Resource;
        var root = ElementPath.Root;
        var status = TolerantJson.String(resource, "status"u8, root, context);
        if (status is null)
        {
            context.Warn("status", "status is missing (FHIR R4 requires it)");
        }

        LocalDate? start = null, end = null;
        if (resource.TryGetProperty("effectiveDateTime"u8, out _))
        {
            start = FhirDates.DateTime(resource, "effectiveDateTime"u8, root, context);
        }
        else if (resource.TryGetProperty("effectivePeriod"u8, out _))
        {
            start = FhirDates.PeriodStart(resource, "effectivePeriod", root, context);
            end = FhirDates.PeriodEnd(resource, "effectivePeriod", root, context);
        }

        return new MedicationFact
        {
            ResourceId = entry.Id,
            ResourceType = entry.ResourceType,
            Medication = MedicationConcepts.Read(resource, context),
            Use = MedicationUses.ForStatement(status, context),
            Status = status ?? "unknown",
            Intent = null,
            Start = start,
            End = end,
            Dosages = DosageReader.ReadAll(resource, "dosage"u8, "dosage", context),
        };
    }
}
