using System.Text.Json;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>
/// Patient.name as one line for the header a clinician reads ("Jane A. Doe"): the official name if there
/// is one, else the first usable; <c>text</c> when given, else given names and family. Null when absent.
/// </summary>
internal static class HumanNameReader
{
    public static string? Read(ResourceEntry entry, ReadContext context)
    {
        string? first = null;
        var index = 0;
        foreach (var item in TolerantJson.Array(entry.Resource, "name"u8, ElementPath.Root, context))
        {
            if (!TolerantJson.IsObjectItem(item, ElementPath.Root, "name"u8, index++, context))
            {
                continue;
            }

            var path = ElementPath.Root.Item("name", index - 1);
            if (Format(item, path, context) is not { } name)
            {
                continue;
            }

            if (TolerantJson.String(item, "use"u8, path, context) == "official")
            {
                return name;
            }

            first ??= name;
        }

        return first;
    }

    private static string? Format(JsonElement name, ElementPath path, ReadContext context)
    {
        if (TolerantJson.String(name, "text"u8, path, context) is { Length: > 0 } text)
        {
            return text.Trim();
        }

        var parts = new List<string>();
        foreach (var given in TolerantJson.Array(name, "given"u8, path, context))
        {
            if (given.ValueKind == JsonValueKind.String && given.GetString() is { Length: > 0 } g)
            {
                parts.Add(g.Trim());
            }
        }

        if (TolerantJson.String(name, "family"u8, path, context) is { Length: > 0 } family)
        {
            parts.Add(family.Trim());
        }

        return parts.Count > 0 ? string.Join(' ', parts) : null;
    }
}
