using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;

namespace Relief.Benchmarks;

/// <summary>Inputs for the benchmarks: real Synthea bundles from ../shared/data and the shipped knowledge base.</summary>
public static class BenchmarkData
{
    /// <summary>The largest Synthea bundle in the shared data (3.9 MB, 1,111 entries).</summary>
    public const string Largest = "Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json";

    /// <summary>A typical bundle of about 1 MB.</summary>
    public const string Typical = "Gilberto_Orosco_6ece62f3-283c-4387-aa9b-affba8ebf4c3.json";

    public static string SyntheaPath(string file) => Path.Combine(SharedData(), "synthea-r4", file);

    /// <summary>A bundled sample (samples/ in the repository), for the evidence engine's work on in-scope conditions.</summary>
    public static string SamplePath(string file) => Path.Combine(Repository(), "samples", file);

    public static KnowledgeBase LoadKnowledge()
    {
        var result = KnowledgeLoader.Load(Path.Combine(AppContext.BaseDirectory, "knowledge"));
        return result.Knowledge ?? throw new InvalidOperationException(string.Join('\n', result.Errors));
    }

    private static string SharedData() => Path.GetFullPath(Path.Combine(Repository(), "..", "shared", "data"));

    // BenchmarkDotNet runs each benchmark in a generated project below bin/, so walk up to the repository.
    private static string Repository()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Relief.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Relief.slnx not found; run the benchmarks from the repository");
    }
}
