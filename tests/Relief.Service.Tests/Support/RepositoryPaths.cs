namespace Relief.Service.Tests.Support;

/// <summary>The repository root (it holds Relief.slnx), found by walking up from the test binary.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Find();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string Samples => Path.Combine(Root, "samples");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Relief.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Relief.slnx not found above the test binary");
    }
}
