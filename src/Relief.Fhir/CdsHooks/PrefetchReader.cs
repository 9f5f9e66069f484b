using System.Collections.Immutable;
using System.Text.Json;

namespace Relief.Fhir.CdsHooks;

/// <summary>Classifies each prefetch item (data, empty, failed) and lists the resource types it holds.</summary>
public static class PrefetchReader
{
    public static PrefetchData Read(JsonElement prefetch)
    {
        if (prefetch.ValueKind != JsonValueKind.Object)
        {
            return PrefetchData.None;
        }

        var items = ImmutableDictionary.CreateBuilder<string, PrefetchItem>(StringComparer.Ordinal);
        foreach (var property in prefetch.EnumerateObject())
        {
            items[property.Name] = Item(property.Name, property.Value);
        }

        return new PrefetchData(items.ToImmutable());
    }

    private static PrefetchItem Item(string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return new PrefetchItem(key, PrefetchState.Empty, value, []);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return new PrefetchItem(key, PrefetchState.Failed, value, [])
            {
                Failure = $"prefetch.{key} is {Describe(value)}, not a FHIR resource",
            };
        }

        var type = TypeOf(value);
        if (type == "OperationOutcome")
        {
            return new PrefetchItem(key, PrefetchState.Failed, value, []) { Failure = OutcomeText(value) };
        }

        if (type != "Bundle")
        {
            // Some clients prefetch a Bundle entry ({"resource": …}) rather than its resource.
            var inner = type is null && value.TryGetProperty("resource"u8, out var r) && r.ValueKind == JsonValueKind.Object ? TypeOf(r) : null;
            var types = (inner ?? type) is { } t ? ImmutableHashSet.Create(StringComparer.Ordinal, t) : [];
            return new PrefetchItem(key, PrefetchState.Data, value, types);
        }

        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        string? outcome = null;
        if (value.TryGetProperty("entry"u8, out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource"u8, out var resource) && TypeOf(resource) is { } entryType)
                {
                    // A searchset may carry an OperationOutcome with search.mode "outcome" beside its matches (warnings).
                    if (entryType == "OperationOutcome")
                    {
                        outcome ??= OutcomeText(resource);
                        continue;
                    }

                    builder.Add(entryType);
                }
            }
        }

        if (builder.Count == 0 && outcome is not null)
        {
            return new PrefetchItem(key, PrefetchState.Failed, value, []) { Failure = outcome };
        }

        return new PrefetchItem(key, PrefetchState.Data, value, builder.ToImmutable());
    }

    internal static string? TypeOf(JsonElement resource) =>
        resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("resourceType"u8, out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;

    /// <summary>What an OperationOutcome says, in one line (diagnostics, else details.text, else the issue code).</summary>
    public static string OutcomeText(JsonElement outcome)
    {
        var parts = new List<string>();
        if (outcome.TryGetProperty("issue"u8, out var issues) && issues.ValueKind == JsonValueKind.Array)
        {
            foreach (var issue in issues.EnumerateArray())
            {
                if (issue.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (issue.TryGetProperty("diagnostics"u8, out var d) && d.ValueKind == JsonValueKind.String)
                {
                    parts.Add(d.GetString()!);
                }
                else if (issue.TryGetProperty("details"u8, out var details) && details.ValueKind == JsonValueKind.Object
                    && details.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String)
                {
                    parts.Add(text.GetString()!);
                }
                else if (issue.TryGetProperty("code"u8, out var code) && code.ValueKind == JsonValueKind.String)
                {
                    parts.Add(code.GetString()!);
                }
            }
        }

        return parts.Count == 0 ? "an OperationOutcome without issues" : string.Join("; ", parts);
    }

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        _ => "missing",
    };
}
