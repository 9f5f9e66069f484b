using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relief.Bulk.Summary;

/// <summary>summary.json, source-generated (no reflection, ready for Native AOT); indented so it diffs well.</summary>
// Populate: the summary's own ordinal-sorted dictionaries are filled, not replaced by culture-sorted ones.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
[JsonSerializable(typeof(ScreenSummary))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext
{
    public static void Write(ScreenSummary summary, string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, summary, Default.ScreenSummary);
    }

    public static ScreenSummary Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize(stream, Default.ScreenSummary)
            ?? throw new InvalidDataException($"{path} holds no screen summary");
    }
}
