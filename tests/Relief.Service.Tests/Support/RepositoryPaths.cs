namespace Relief.Service.Tests.Support;

/// <summary>
/// Where the repository and the team's shared data are, found by walking up from the test binary:
/// the repository root holds Relief.slnx, and shared/ sits beside the repository (here and in CI).
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary><c>&lt;repo&gt;/../shared/data</c>; the shared data is read in place, never copied into the repo.</summary>
    public static string SharedData
    {
        get
        {
            var data = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));
            return Directory.Exists(data)
                ? data
                : throw new InvalidOperationException($"shared data not found at {data}: clone the repository with shared/ beside it");
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Relief.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Relief.slnx above {AppContext.BaseDirectory}");
    }
}
