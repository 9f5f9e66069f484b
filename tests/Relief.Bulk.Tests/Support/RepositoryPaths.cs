namespace Relief.Bulk.Tests.Support;

/// <summary>Finds the repository and the shared test data beside it (CI clones the repo with shared/ next to it).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Relief.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Relief.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string Root => LazyRoot.Value;

    public static string Samples => Path.Combine(Root, "samples");

    public static string Knowledge => Path.Combine(Root, "knowledge");

    /// <summary>../shared/data/synthea-r4: real Synthea bundles. Tests fail (not skip) when it is missing.</summary>
    public static string Synthea
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "synthea-r4"));
            return Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException($"shared test data not found at {path}; clone the repository beside shared/");
        }
    }

    public static IEnumerable<string> SampleBundles => Directory.GetFiles(Samples, "*.json").Order(StringComparer.Ordinal);

    public static IEnumerable<string> SyntheaBundles => Directory.GetFiles(Synthea, "*_*.json").Order(StringComparer.Ordinal);
}
