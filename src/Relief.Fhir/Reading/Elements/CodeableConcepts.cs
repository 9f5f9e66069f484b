using System.Collections.Immutable;
using System.Text.Json;
using Relief.Core.Codes;
using Relief.Core.Patients;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// CodeableConcept to <see cref="CodedText"/>: every coding with both a system and a code becomes a
/// <see cref="Code"/> (all of them, not only the first: a record may code a condition in SNOMED CT and
/// ICD-10-CM at once, and the knowledge base may know only one); displays and text are kept for explanations.
/// </summary>
internal static class CodeableConcepts
{
    public static CodedText Read(JsonElement parent, string name, ElementPath parentPath, ReadContext context) =>
        TolerantJson.TryGetObject(parent, name, parentPath, context, out var concept)
            ? Read(concept, parentPath.Then(name), context)
            : CodedText.Empty;

    /// <param name="withDisplays">
    /// False where only the codes and text are used (a status, a category): the same reading and warnings, without
    /// the map of displays (an immutable dictionary per concept, most of a small record's allocations).
    /// </param>
    public static CodedText Read(JsonElement concept, ElementPath path, ReadContext context, bool withDisplays = true)
    {
        var codes = ImmutableArray.CreateBuilder<Code>(1);
        ImmutableDictionary<Code, string>? displays = withDisplays ? ImmutableDictionary<Code, string>.Empty : null;
        string? firstDisplay = null;
        var index = 0;
        foreach (var coding in TolerantJson.Array(concept, "coding"u8, path, context))
        {
            if (TolerantJson.IsObjectItem(coding, path, "coding"u8, index, context))
            {
                ReadCoding(coding, path.Item("coding", index), codes, ref displays, ref firstDisplay, context);
            }

            index++;
        }

        var text = TolerantJson.String(concept, "text"u8, path, context) ?? firstDisplay;
        if (codes.Count == 0 && text is null)
        {
            return CodedText.Empty;
        }

        return new CodedText(codes.DrainToImmutable(), text)
        {
            Displays = displays ?? ImmutableDictionary<Code, string>.Empty,
        };
    }

    /// <summary>
    /// The code of a status-like CodeableConcept (Condition.clinicalStatus...): the coding in
    /// <paramref name="system"/>, else the first coding, else the text in lower case.
    /// </summary>
    public static string? StatusCode(JsonElement parent, string name, string system, ElementPath parentPath, ReadContext context)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            // DSTU2 and STU3 sent these as plain codes; inside R4 content it is a defect we can still read exactly.
            var path = parentPath.Child(name);
            context.Warn(path, $"{path} should be a CodeableConcept (FHIR R4), found a string; read it as the code");
            return element.GetString();
        }

        var concept = TolerantJson.TryGetObject(parent, name, parentPath, context, out var value)
            ? Read(value, parentPath.Then(name), context, withDisplays: false)
            : CodedText.Empty;
        foreach (var code in concept.Codes)
        {
            if (code.System == system)
            {
                return code.Value;
            }
        }

        return concept.Codes.IsDefaultOrEmpty ? concept.Text?.Trim().ToLowerInvariant() : concept.Codes[0].Value;
    }

    private static void ReadCoding(
        JsonElement coding,
        ElementPath path,
        ImmutableArray<Code>.Builder codes,
        ref ImmutableDictionary<Code, string>? displays,
        ref string? firstDisplay,
        ReadContext context)
    {
        var system = TolerantJson.String(coding, "system"u8, path, context);
        var value = TolerantJson.String(coding, "code"u8, path, context);
        var display = TolerantJson.String(coding, "display"u8, path, context);
        firstDisplay ??= display;
        if (string.IsNullOrWhiteSpace(system) || string.IsNullOrWhiteSpace(value))
        {
            // A coding without a system cannot be matched to knowledge; its display still serves as text.
            if (!string.IsNullOrWhiteSpace(value) || !string.IsNullOrWhiteSpace(system))
            {
                var at = path.ToString();
                context.Warn(at, $"{at} has {(string.IsNullOrWhiteSpace(system) ? "a code but no system" : "a system but no code")}; not kept as a code");
            }

            return;
        }

        var code = new Code(system, value);
        if (codes.Contains(code))
        {
            return;
        }

        codes.Add(code);
        if (display is not null && displays is not null)
        {
            displays = displays.SetItem(code, display);
        }
    }
}
