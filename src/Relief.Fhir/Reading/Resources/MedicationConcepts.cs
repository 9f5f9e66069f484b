using System.Text.Json;
using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>
/// medication[x] as a concept: the CodeableConcept itself, or the code of the Medication that
/// medicationReference points at, contained (<c>#id</c>) or elsewhere in the input (<c>urn:uuid:</c>,
/// <c>Medication/123</c>, or an absolute URL).
/// </summary>
internal static class MedicationConcepts
{
    public static CodedText Read(JsonElement resource, ReadContext context)
    {
        if (resource.TryGetProperty("medicationCodeableConcept"u8, out _))
        {
            return CodeableConcepts.Read(resource, "medicationCodeableConcept", ElementPath.Root, context);
        }

        if (!TolerantJson.TryGetObject(resource, "medicationReference"u8, ElementPath.Root, context, out var reference))
        {
            context.Warn("medication[x]", "medication[x] is missing; the medication is unknown");
            return CodedText.Empty;
        }

        var display = TolerantJson.String(reference, "display"u8, "medicationReference", context);
        var target = TolerantJson.String(reference, "reference"u8, "medicationReference", context);
        if (target is not null)
        {
            if (target.StartsWith('#'))
            {
                if (TryFindContained(resource, target.AsSpan(1), out var contained, out var index))
                {
                    return CodeableConcepts.Read(contained, "code", $"contained[{index}]", context);
                }
            }
            else if (context.Resources.TryResolve(target, out var medication))
            {
                return CodeableConcepts.Read(medication, "code", $"medicationReference({target}).code", context);
            }
        }

        var fallback = display is null ? "the medication is unknown" : $"read its display \"{display}\" as text";
        context.Warn("medicationReference", $"medicationReference {target ?? "(no reference)"} does not resolve to a Medication in the input; {fallback}");
        return display is null ? CodedText.Empty : new CodedText([], display);
    }

    private static bool TryFindContained(JsonElement resource, ReadOnlySpan<char> id, out JsonElement contained, out int index)
    {
        index = 0;
        if (resource.TryGetProperty("contained"u8, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && item.TryGetProperty("id"u8, out var itemId) && itemId.ValueKind == JsonValueKind.String && itemId.ValueEquals(id)
                    && item.TryGetProperty("resourceType"u8, out var type) && type.ValueKind == JsonValueKind.String
                    && type.ValueEquals("Medication"u8))
                {
                    contained = item;
                    return true;
                }

                index++;
            }
        }

        contained = default;
        return false;
    }
}
