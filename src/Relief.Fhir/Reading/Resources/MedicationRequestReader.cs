using System.Text.Json;
using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>MedicationRequest: what is prescribed, whether it stands (status and intent), when, and how it is dosed.</summary>
internal static class MedicationRequestReader
{
    public static MedicationFact Read(ResourceEntry entry, ReadContext context)
    {
        var resource = entry.Resource;
        var root = ElementPath.Root;
        var status = TolerantJson.String(resource, "status"u8, root, context);
        var intent = TolerantJson.String(resource, "intent"u8, root, context);

        // cds4cpm sends one object here rather than an array: the warning is how a sender learns of it.
        var categories = CategoryCodes.Read(resource, context);

        var dosages = DosageReader.ReadAll(resource, "dosageInstruction"u8, "dosageInstruction", context);

        // When the drug is to be taken: the dosage's own bounds, else the prescription's validity, else
        // the day it was written.
        LocalDateRange bounds = default;
        if (resource.TryGetProperty("dosageInstruction"u8, out var instructions))
        {
            var first = instructions.ValueKind == JsonValueKind.Array
                ? (instructions.GetArrayLength() > 0 ? instructions[0] : default)
                : instructions;
            if (first.ValueKind == JsonValueKind.Object
                && first.TryGetProperty("timing"u8, out var timing) && timing.ValueKind == JsonValueKind.Object
                && timing.TryGetProperty("repeat"u8, out var repeat) && repeat.ValueKind == JsonValueKind.Object)
            {
                bounds = new LocalDateRange(
                    FhirDates.PeriodStart(repeat, "boundsPeriod", "dosageInstruction[0].timing.repeat", context),
                    FhirDates.PeriodEnd(repeat, "boundsPeriod", "dosageInstruction[0].timing.repeat", context));
            }
        }

        LocalDateRange validity = default;
        decimal? supplyDays = null;
        QuantityValue quantity = default;
        int? repeats = null;
        if (TolerantJson.TryGetObject(resource, "dispenseRequest"u8, root, context, out var dispense))
        {
            validity = new LocalDateRange(
                FhirDates.PeriodStart(dispense, "validityPeriod", "dispenseRequest", context),
                FhirDates.PeriodEnd(dispense, "validityPeriod", "dispenseRequest", context));
            supplyDays = SupplyDuration.Days(dispense, context);
            quantity = Quantities.Read(dispense, "quantity", "dispenseRequest", context);
            repeats = TolerantJson.Integer(dispense, "numberOfRepeatsAllowed"u8, "dispenseRequest", context);
        }

        var authored = FhirDates.DateTime(resource, "authoredOn"u8, root, context);
        if (status is null)
        {
            context.Warn("status", "status is missing (FHIR R4 requires it)");
        }

        return new MedicationFact
        {
            ResourceId = entry.Id,
            ResourceType = entry.ResourceType,
            Medication = MedicationConcepts.Read(resource, context),
            Use = MedicationUses.ForRequest(status, intent, context),
            Status = status ?? "unknown",
            Intent = intent,
            Start = bounds.Start ?? validity.Start ?? authored,
            End = bounds.End ?? validity.End,
            Dosages = dosages,
            Authored = authored,
            Categories = categories,
            SupplyDays = supplyDays,
            DispenseQuantity = quantity.Value,
            DispenseUnit = quantity.Unit,
            Repeats = repeats,
        };
    }
}
