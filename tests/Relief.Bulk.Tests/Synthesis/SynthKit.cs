using System.Text.Json;
using Relief.Bulk.Synthesis;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;

namespace Relief.Bulk.Tests.Synthesis;

/// <summary>The shipped knowledge base, temporary folders, and reading a generated export back.</summary>
internal static class SynthKit
{
    private static readonly Lazy<KnowledgeBase> LazyKnowledge = new(() =>
    {
        var result = KnowledgeLoader.Load(Path.Combine(AppContext.BaseDirectory, "knowledge"));
        return result.Knowledge ?? throw new InvalidOperationException(string.Join("\n", result.Errors));
    });

    public static KnowledgeBase Knowledge => LazyKnowledge.Value;

    public static string TempDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "relief-bulk-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static SynthSummary Generate(string directory, long patients, ulong seed, CohortMix mix, int threads = 2) =>
        CohortGenerator.Generate(new SynthOptions(patients, seed, directory, SynthOptions.DefaultAsOf, mix) { Threads = threads }, Knowledge);

    /// <summary>Every resource of the export, grouped by patient id (a test-sized cohort fits in memory).</summary>
    public static Dictionary<string, List<JsonElement>> ByPatient(string directory)
    {
        var patients = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(directory, "*.ndjson").Where(f => Path.GetFileName(f) != CohortGenerator.TruthFile).Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file))
            {
                var resource = JsonDocument.Parse(line).RootElement;
                var id = resource.GetProperty("resourceType").GetString() == "Patient"
                    ? resource.GetProperty("id").GetString()!
                    : resource.GetProperty("subject").GetProperty("reference").GetString()!["Patient/".Length..];
                if (!patients.TryGetValue(id, out var list))
                {
                    patients[id] = list = [];
                }

                list.Add(resource);
            }
        }

        return patients;
    }

    /// <summary>truth.ndjson: patient id to expected keys and scenario names.</summary>
    public static Dictionary<string, (HashSet<string> Expected, string[] Scenarios)> Truth(string directory) =>
        File.ReadLines(Path.Combine(directory, CohortGenerator.TruthFile))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(
                t => t.GetProperty("patient").GetString()!,
                t => (t.GetProperty("expected").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal),
                      t.GetProperty("scenarios").EnumerateArray().Select(e => e.GetString()!).ToArray()));
}
