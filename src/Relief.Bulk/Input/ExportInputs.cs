using System.Text.Json;

namespace Relief.Bulk.Input;

/// <summary>
/// What <c>relief screen</c> was pointed at, as a list of NDJSON files: a directory (the files its
/// <c>manifest.json</c> lists when it has one, else its <c>*.ndjson</c> and <c>*.ndjson.gz</c>), files named one by one, or a Bulk Data manifest — a local <c>.json</c> file or a
/// <c>file://</c> / <c>http(s)://</c> URL — whose <c>output[].url</c> lists the files. Problems are values.
/// </summary>
public static class ExportInputs
{
    public sealed record Resolution(IReadOnlyList<ExportFile> Files, IReadOnlyList<string> Problems);

    public static Resolution Resolve(IEnumerable<string> arguments, IReadOnlyList<IExportFileOpener> openers)
    {
        var files = new List<ExportFile>();
        var problems = new List<string>();
        var seen = new HashSet<Uri>();
        foreach (var argument in arguments)
        {
            try
            {
                foreach (var file in Expand(argument, openers, problems))
                {
                    if (seen.Add(file.Location))
                    {
                        files.Add(file);
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or HttpRequestException or JsonException or UriFormatException)
            {
                problems.Add($"{argument}: {exception.Message}");
            }
        }

        return new Resolution(files, problems);
    }

    public static bool IsDataFile(string name) =>
        name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ndjson.gz", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<ExportFile> Expand(string argument, IReadOnlyList<IExportFileOpener> openers, List<string> problems)
    {
        // On Unix "/data/export" parses as an absolute file URI too: only a written scheme makes a URL.
        var isUrl = argument.Contains("://", StringComparison.Ordinal)
            && Uri.TryCreate(argument, UriKind.Absolute, out var url) && url.Scheme is "file" or "http" or "https";
        if (isUrl && new Uri(argument) is { IsFile: true } fileUrl && Directory.Exists(fileUrl.LocalPath))
        {
            argument = fileUrl.LocalPath;
            isUrl = false;
        }

        if (!isUrl && Directory.Exists(argument) && File.Exists(Path.Combine(argument, "manifest.json")))
        {
            // An export saved with its manifest (relief synth, relief export): the manifest says which files are data.
            return Manifest(new Uri(Path.GetFullPath(Path.Combine(argument, "manifest.json"))), openers);
        }

        if (!isUrl && Directory.Exists(argument))
        {
            var names = Directory.EnumerateFiles(argument).Where(f => IsDataFile(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
            if (names.Count == 0)
            {
                problems.Add($"{argument}: no .ndjson or .ndjson.gz files in this directory");
            }

            return names.Select(name => Local(name, openers));
        }

        if (!isUrl && !File.Exists(argument))
        {
            problems.Add($"{argument}: no such file or directory");
            return [];
        }

        var location = isUrl ? new Uri(argument) : new Uri(Path.GetFullPath(argument));
        return IsDataFile(location.AbsolutePath)
            ? [new ExportFile(location, argument, OpenerFor(location, openers))]
            : Manifest(location, openers);
    }

    private static ExportFile Local(string path, IReadOnlyList<IExportFileOpener> openers)
    {
        var location = new Uri(Path.GetFullPath(path));
        return new ExportFile(location, path, OpenerFor(location, openers));
    }

    /// <summary>A Bulk Data manifest: <c>{"output": [{"type": "Patient", "url": "..."}]}</c>; relative urls resolve against the manifest.</summary>
    private static IEnumerable<ExportFile> Manifest(Uri location, IReadOnlyList<IExportFileOpener> openers)
    {
        using var stream = OpenerFor(location, openers).Open(location);
        using var manifest = JsonDocument.Parse(stream);
        if (manifest.RootElement.ValueKind != JsonValueKind.Object
            || !manifest.RootElement.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.Array)
        {
            throw new IOException("not a Bulk Data manifest (no \"output\" array) and not an .ndjson file");
        }

        var files = new List<ExportFile>();
        foreach (var item in output.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("url", out var url) || url.GetString() is not { Length: > 0 } text)
            {
                throw new IOException("a manifest output entry has no url");
            }

            var file = new Uri(location, text);
            files.Add(new ExportFile(file, file.IsFile ? file.LocalPath : file.ToString(), OpenerFor(file, openers)));
        }

        return files;
    }

    private static IExportFileOpener OpenerFor(Uri location, IReadOnlyList<IExportFileOpener> openers) =>
        openers.FirstOrDefault(o => o.CanOpen(location))
        ?? throw new IOException($"no reader for {location.Scheme}:// locations");
}
