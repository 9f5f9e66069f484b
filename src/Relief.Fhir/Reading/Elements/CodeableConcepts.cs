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
        var codings = Gather(concept, path, context, withDisplays, out var text);
        if (codings.Count == 0 && text is null)
        {
            return CodedText.Empty;
        }

        return new CodedText(codings.ToImmutable(), text)
        {
            Displays = codings.Displays,
        };
    }

    /// <summary>
    /// The codes of a concept's codings (each kept once, in order), with the same warnings as <see cref="Read(JsonElement, ElementPath, ReadContext, bool)"/>,
    /// for a caller that needs only the codes (a category's): no <see cref="CodedText"/> made.
    /// </summary>
    public static CodingList Codes(JsonElement concept, ElementPath path, ReadContext context) =>
        Gather(concept, path, context, withDisplays: false, out _);

    /// <summary>The codings read once: the kept codes, their displays when asked for, and the text (else the first display).</summary>
    private static CodingList Gather(JsonElement concept, ElementPath path, ReadContext context, bool withDisplays, out string? text)
    {
        var codings = new CodingList(withDisplays);
        string? firstDisplay = null;
        var index = 0;
        foreach (var coding in TolerantJson.Array(concept, "coding"u8, path, context))
        {
            if (TolerantJson.IsObjectItem(coding, path, "coding"u8, index, context))
            {
                ReadCoding(coding, path.Item("coding", index), ref codings, ref firstDisplay, context);
            }

            index++;
        }

        text = TolerantJson.String(concept, "text"u8, path, context) ?? firstDisplay;
        return codings;
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

        if (!TolerantJson.TryGetObject(parent, name, parentPath, context, out var value))
        {
            return null;
        }

        // Read as a concept without displays, and without the CodedText: only one code (or the text) is wanted.
        var codings = Gather(value, parentPath.Then(name), context, withDisplays: false, out var text);
        for (var i = 0; i < codings.Count; i++)
        {
            if (codings[i].System == system)
            {
                return codings[i].Value;
            }
        }

        return codings.Count == 0 ? text?.Trim().ToLowerInvariant() : codings[0].Value;
    }

    private static void ReadCoding(JsonElement coding, ElementPath path, ref CodingList codes, ref string? firstDisplay, ReadContext context)
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

        codes.Add(new Code(system, value), display);
    }
}
