namespace Relief.Service.Tests.Support;

/// <summary>
/// The test run's temporary files (stores, key sets), all in one folder removed when the test process exits: a
/// service keeps its store open until its host is gone, so a test cannot always delete its own files, and thousands
/// were left in the temporary directory after every run.
/// </summary>
internal static class TestFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("relief-service-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temporary-file cleaning.
            }
        };
        return root;
    });

    /// <summary>A new path in the run's folder: <paramref name="prefix"/>, a unique part, <paramref name="extension"/>.</summary>
    public static string NewPath(string prefix, string extension) => Path.Combine(Root.Value, $"{prefix}-{Guid.NewGuid():N}{extension}");
}
