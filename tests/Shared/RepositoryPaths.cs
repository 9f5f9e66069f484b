namespace Relief.Tests.Shared;

/// <summary>
/// Where the repository and the team's shared data are, found by walking up from the test binary: the
/// repository root holds Relief.slnx, and shared/ sits beside the repository (here and in CI). One source,
/// compiled into every test project (tests/Shared), so the copies cannot drift.
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Samples => Path.Combine(Root, "samples");

    public static string Docs => Path.Combine(Root, "docs");

    public static string Knowledge => Path.Combine(Root, "knowledge");

    /// <summary>Screenshots of every page the browser tests visit, kept for a person to look at (artifacts/ is not committed).</summary>
    public static string Screenshots
    {
        get
        {
            var path = Path.Combine(Root, "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>
    /// <c>&lt;repo&gt;/../shared/data</c>: real FHIR written by others, read in place and never copied into the
    /// repository. Tests that read it carry <c>[Trait(Requires.Key, Requires.SharedData)]</c> (Needs=shared-data) and fail (not
    /// skip) when it is missing, saying where they looked.
    /// </summary>
    public static string SharedData
    {
        get
        {
            var data = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));
            return Directory.Exists(data)
                ? data
                : throw new DirectoryNotFoundException($"shared test data not found at {data}: clone the repository with shared/ beside it");
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
