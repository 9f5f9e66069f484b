using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>
/// Observation: its code, status, date and value, then one more fact per component. A component
/// (systolic in a blood-pressure panel, an item of a pain score) is a measurement in its own right,
/// so it becomes its own <see cref="ObservationFact"/> with its own code, the parent's status and
/// date, and the id <c>obs-1#component[0]</c>: the part before <c>#</c> is still the resource to cite.
/// </summary>
internal static class ObservationReader
{
    public static void Read(ResourceEntry entry, List<ObservationFact> facts, ReadContext context)
    {
        var resource = entry.Resource;
        var root = ElementPath.Root;
        var status = TolerantJson.String(resource, "status"u8, root, context);
        if (status is null)
        {
            context.Warn("status", "status is missing (FHIR R4 requires it); read as unknown");
        }

        status ??= "unknown";
        var effective = Effective(resource, context);
        facts.Add(Fact(entry.Id, resource, root, status, effective, context));

        var index = 0;
        foreach (var component in TolerantJson.Array(resource, "component"u8, root, context))
        {
            if (TolerantJson.IsObjectItem(component, root, "component"u8, index, context))
            {
                facts.Add(Fact($"{entry.Id}#component[{index}]", component, $"component[{index}]", status, effective, context));
            }

            index++;
        }
    }

    private static ObservationFact Fact(string id, JsonElement element, ElementPath path, string status, LocalDate? effective, ReadContext context)
    {
        if (!element.TryGetProperty("code"u8, out _))
        {
            var at = path.Child("code");
            context.Warn(at, $"{at} is missing (FHIR R4 requires it); the observation is uncoded");
        }

        var concept = CodeableConcepts.Read(element, "code", path, context);
        decimal? value = null;
        string? unit = null, unitCode = null, text = null;
        CodedText? valueConcept = null;
        if (element.TryGetProperty("valueQuantity"u8, out _))
        {
            (value, unit, unitCode) = Quantities.Read(element, "valueQuantity", path, context);
        }
        else if (element.TryGetProperty("valueCodeableConcept"u8, out _))
        {
            valueConcept = CodeableConcepts.Read(element, "valueCodeableConcept", path, context);
        }
        else if (element.TryGetProperty("valueInteger"u8, out _))
        {
            value = TolerantJson.Integer(element, "valueInteger"u8, path, context);
        }
        else if (element.TryGetProperty("valueString"u8, out _))
        {
            text = TolerantJson.String(element, "valueString"u8, path, context);
        }
        else if (element.TryGetProperty("valueBoolean"u8, out _))
        {
            // ObservationFact has no boolean slot; "true"/"false" as text keeps the answer readable.
            text = TolerantJson.Boolean(element, "valueBoolean"u8, path, context) switch
            {
                true => "true",
                false => "false",
                null => null,
            };
        }
        else if (element.TryGetProperty("valueDateTime"u8, out _))
        {
            text = TolerantJson.String(element, "valueDateTime"u8, path, context);
        }

        var (low, high) = ReferenceRange(element, path, context);
        return new ObservationFact
        {
            ResourceId = id,
            Concept = concept,
            Status = status,
            Effective = effective,
            Value = value,
            Unit = unit,
            UnitCode = unitCode,
            ValueConcept = valueConcept,
            ValueText = text,
            ReferenceLow = low,
            ReferenceHigh = high,
            Interpretation = Interpretation(element, path, context),
        };
    }

    /// <summary>The interpretation codes (L, H, N... from HL7 v3 ObservationInterpretation), which read a numeric activity as low or normal.</summary>
    private static ImmutableArray<Code> Interpretation(JsonElement element, ElementPath path, ReadContext context)
    {
        // Made only for an observation that has one (most have none).
        ImmutableArray<Code>.Builder? codes = null;
        var index = 0;
        foreach (var item in TolerantJson.Array(element, "interpretation"u8, path, context))
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                (codes ??= ImmutableArray.CreateBuilder<Code>(1)).AddRange(CodeableConcepts.Read(item, path.Item("interpretation", index), context).Codes);
            }

            index++;
        }

        return codes?.DrainToImmutable() ?? [];
    }

    /// <summary>When it was true of the patient: effective[x] (a Period's start), else when it was issued.</summary>
    private static LocalDate? Effective(JsonElement resource, ReadContext context)
    {
        var root = ElementPath.Root;
        if (resource.TryGetProperty("effectiveDateTime"u8, out _))
        {
            return FhirDates.DateTime(resource, "effectiveDateTime"u8, root, context);
        }

        if (resource.TryGetProperty("effectivePeriod"u8, out _))
        {
            return FhirDates.PeriodStart(resource, "effectivePeriod", root, context);
        }

        if (resource.TryGetProperty("effectiveInstant"u8, out _))
        {
            return FhirDates.DateTime(resource, "effectiveInstant"u8, root, context);
        }

        return FhirDates.DateTime(resource, "issued"u8, root, context);
    }

    /// <summary>The first reference range's bounds: the one that applies to the patient when there is one.</summary>
    private static (decimal? Low, decimal? High) ReferenceRange(JsonElement element, ElementPath path, ReadContext context)
    {
        foreach (var range in TolerantJson.Array(element, "referenceRange"u8, path, context))
        {
            if (range.ValueKind != JsonValueKind.Object)
            {
                break;
            }

            var rangePath = path.Item("referenceRange", 0);
            return (Quantities.Read(range, "low", rangePath, context).Value, Quantities.Read(range, "high", rangePath, context).Value);
        }

        return (null, null);
    }
}
