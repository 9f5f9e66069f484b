using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>CarePlan: its categories (codes of every category together), status, created and meta.lastUpdated.</summary>
internal static class CarePlanReader
{
    public static CarePlanFact Read(ResourceEntry entry, ReadContext context)
    {
        var resource = entry.Resource;
        var root = ElementPath.Root;
        var status = TolerantJson.String(resource, "status"u8, root, context);
        var codes = new List<Relief.Core.Codes.Code>();
        string? text = null;
        var index = 0;
        foreach (var item in TolerantJson.Array(resource, "category"u8, root, context))
        {
            if (TolerantJson.IsObjectItem(item, root, "category"u8, index, context))
            {
                var concept = CodeableConcepts.Read(item, $"category[{index}]", context);
                codes.AddRange(concept.Codes);
                text ??= concept.Text;
            }

            index++;
        }

        NodaTime.LocalDate? lastUpdated = null;
        if (TolerantJson.TryGetObject(resource, "meta"u8, root, context, out var meta))
        {
            lastUpdated = FhirDates.DateTime(meta, "lastUpdated"u8, "meta", context);
        }

        return new CarePlanFact(
            entry.Id,
            new CodedText([.. codes], text),
            status ?? "unknown",
            FhirDates.DateTime(resource, "created"u8, root, context),
            lastUpdated);
    }
}
