using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>Encounter: its first type, status, period and hospitalization.dischargeDisposition.</summary>
internal static class EncounterReader
{
    public static EncounterFact Read(ResourceEntry entry, ReadContext context)
    {
        var resource = entry.Resource;
        var root = ElementPath.Root;
        var status = TolerantJson.String(resource, "status"u8, root, context);
        var type = CodedText.Empty;
        var index = 0;
        foreach (var item in TolerantJson.Array(resource, "type"u8, root, context))
        {
            if (TolerantJson.IsObjectItem(item, root, "type"u8, index, context) && type.Codes.IsDefaultOrEmpty)
            {
                type = CodeableConcepts.Read(item, $"type[{index}]", context);
            }

            index++;
        }

        CodedText? disposition = null;
        if (TolerantJson.TryGetObject(resource, "hospitalization"u8, root, context, out var hospitalization))
        {
            disposition = CodeableConcepts.Read(hospitalization, "dischargeDisposition", "hospitalization", context);
        }

        return new EncounterFact(
            entry.Id,
            type,
            status ?? "unknown",
            FhirDates.PeriodStart(resource, "period", root, context),
            FhirDates.PeriodEnd(resource, "period", root, context))
        {
            DischargeDisposition = disposition is { Codes.IsDefaultOrEmpty: false } ? disposition : null,
        };
    }
}
