using System.Text.Json;

namespace Relief.Bulk.BulkData;

/// <summary>
/// What a run has done so far, kept in the output folder (export-status.json) so a killed run resumes: the
/// kick-off URL, the status URL to poll (never kick off twice), and the files already downloaded and checked.
/// Written to a temporary file and moved into place, so a kill never leaves half a state.
/// </summary>
internal sealed class ExportState
{
    public const string FileName = "export-status.json";

    public string KickOff { get; set; } = "";

    public string StatusUrl { get; set; } = "";

    public bool Complete { get; set; }

    /// <summary>Manifest URL to local file name, for files downloaded and checked.</summary>
    public SortedDictionary<string, string> Downloaded { get; set; } = new(StringComparer.Ordinal);

    public static ExportState? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var state = new ExportState
        {
            KickOff = root.GetProperty("kickOff").GetString() ?? "",
            StatusUrl = root.GetProperty("statusUrl").GetString() ?? "",
            Complete = root.TryGetProperty("complete", out var complete) && complete.ValueKind == JsonValueKind.True,
        };
        if (root.TryGetProperty("downloaded", out var downloaded))
        {
            foreach (var file in downloaded.EnumerateObject())
            {
                state.Downloaded[file.Name] = file.Value.GetString()!;
            }
        }

        return state;
    }

    public void Save(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("kickOff", KickOff);
            writer.WriteString("statusUrl", StatusUrl);
            writer.WriteBoolean("complete", Complete);
            writer.WriteStartObject("downloaded");
            foreach (var (url, file) in Downloaded)
            {
                writer.WriteString(url, file);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        File.Move(temporary, path, overwrite: true);
    }
}
