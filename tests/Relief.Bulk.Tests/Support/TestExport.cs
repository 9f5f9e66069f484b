using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Relief.Bulk.Tests.Support;

/// <summary>
/// Turns FHIR bundles into a Bulk Data export, as a server's <c>$export</c> would: one NDJSON file per resource
/// type, one resource per line, references rewritten from the bundle's <c>urn:uuid:</c> fullUrls to <c>Type/id</c>.
/// </summary>
internal sealed class TestExport
{
    private TestExport(SortedDictionary<string, List<string>> linesByType) => LinesByType = linesByType;

    public SortedDictionary<string, List<string>> LinesByType { get; }

    public static TestExport FromBundles(IEnumerable<string> bundleFiles)
    {
        var lines = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in bundleFiles)
        {
            var bundle = JsonNode.Parse(File.ReadAllText(file))!;
            var entries = bundle["entry"]!.AsArray();
            var references = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (entry?["fullUrl"]?.GetValue<string>() is { } fullUrl && entry["resource"]?["id"]?.GetValue<string>() is { } id)
                {
                    references[fullUrl] = $"{entry["resource"]!["resourceType"]!.GetValue<string>()}/{id}";
                }
            }

            foreach (var entry in entries)
            {
                var resource = entry!["resource"]!;
                Rewrite(resource, references);
                var type = resource["resourceType"]!.GetValue<string>();
                if (!lines.TryGetValue(type, out var list))
                {
                    lines[type] = list = [];
                }

                list.Add(resource.ToJsonString());
            }
        }

        return new TestExport(lines);
    }

    /// <summary>Writes one file per type; <paramref name="gzip"/> picks the types written as .ndjson.gz.</summary>
    public string Write(string directory, Func<string, bool>? gzip = null)
    {
        Directory.CreateDirectory(directory);
        foreach (var (type, lines) in LinesByType)
        {
            WriteFile(directory, type, lines, gzip?.Invoke(type) ?? false);
        }

        return directory;
    }

    public static string WriteFile(string directory, string name, IEnumerable<string> lines, bool gzip)
    {
        var path = Path.Combine(directory, name + (gzip ? ".ndjson.gz" : ".ndjson"));
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }

        return path;
    }

    /// <summary>The patient a line is about, as the export names it (for grouping lines in a test's own way).</summary>
    public static string? PatientOf(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.GetProperty("resourceType").GetString() == "Patient")
        {
            return root.GetProperty("id").GetString();
        }

        foreach (var name in new[] { "subject", "patient" })
        {
            if (root.TryGetProperty(name, out var subject) && subject.TryGetProperty("reference", out var reference)
                && reference.GetString() is { } text && text.StartsWith("Patient/", StringComparison.Ordinal))
            {
                return text["Patient/".Length..];
            }
        }

        return null;
    }

    private static void Rewrite(JsonNode node, Dictionary<string, string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "reference" && value is JsonValue text && text.TryGetValue<string>(out var reference)
                        && references.TryGetValue(reference, out var rewritten))
                    {
                        obj[name] = rewritten;
                    }
                    else if (value is not null)
                    {
                        Rewrite(value, references);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Rewrite(item, references);
                    }
                }

                break;
        }
    }
}
