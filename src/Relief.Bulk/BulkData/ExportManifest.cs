using System.Text.Json;

namespace Relief.Bulk.BulkData;

/// <summary>One output file of a Bulk Data manifest: its resource type, URL and (optional in v2) resource count.</summary>
public sealed record ManifestFile(string Type, string Url, long? Count);

/// <summary>
/// A Bulk Data "complete status" manifest (Access IG v2): when the export was taken, the kick-off request, whether
/// files need a token, the output files and the OperationOutcome error files.
/// </summary>
public sealed record ExportManifest(string TransactionTime, string Request, bool RequiresAccessToken, IReadOnlyList<ManifestFile> Output, IReadOnlyList<ManifestFile> Error)
{
    /// <summary>Parses a manifest; a malformed one gives null and a reason, never an exception.</summary>
    public static ExportManifest? Parse(ReadOnlySpan<byte> json, out string? problem)
    {
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.Array)
            {
                problem = "the manifest has no output array";
                return null;
            }

            var files = Files(output, out problem);
            var errors = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Array ? Files(error, out _) : [];
            if (files is null)
            {
                return null;
            }

            return new ExportManifest(
                Text(root, "transactionTime") ?? "",
                Text(root, "request") ?? "",
                root.TryGetProperty("requiresAccessToken", out var token) && token.ValueKind == JsonValueKind.True,
                files,
                errors ?? []);
        }
        catch (JsonException e)
        {
            problem = $"the manifest is not JSON: {e.Message}";
            return null;
        }
    }

    private static List<ManifestFile>? Files(JsonElement array, out string? problem)
    {
        problem = null;
        var files = new List<ManifestFile>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var type = Text(item, "type");
            var url = Text(item, "url");
            if (type is null || url is null)
            {
                problem = $"output[{index}] lacks type or url";
                return null;
            }

            long? count = item.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var n) ? n : null;
            files.Add(new ManifestFile(type, url, count));
            index++;
        }

        return files;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
