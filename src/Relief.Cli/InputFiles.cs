namespace Relief.Cli;

/// <summary>One bundle to assess: its path, and whether it was found by searching a directory rather than named.</summary>
public sealed record InputFile(string Path, bool FromDirectory);

/// <summary>
/// Expands the paths given to `relief assess`: a file as given (missing ones too, so each named input gets
/// its answer), a directory to its *.json files, searched recursively in ordinal path order. A directory
/// that cannot be read is a one-line problem, never an exception.
/// </summary>
public static class InputFiles
{
    public static (List<InputFile> Files, List<string> Problems) Expand(IEnumerable<string> paths)
    {
        var files = new List<InputFile>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                Walk(path, files, problems);
            }
            else
            {
                files.Add(new InputFile(path, FromDirectory: false));
            }
        }

        return (files, problems);
    }

    private static void Walk(string directory, List<InputFile> files, List<string> problems)
    {
        string[] entries, subdirectories;
        try
        {
            entries = Directory.GetFiles(directory, "*.json", SearchOption.TopDirectoryOnly);
            subdirectories = Directory.GetDirectories(directory);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            problems.Add($"{directory}: cannot read the directory ({e.Message})");
            return;
        }

        files.AddRange(entries.Order(StringComparer.Ordinal).Select(f => new InputFile(f, FromDirectory: true)));
        foreach (var subdirectory in subdirectories.Order(StringComparer.Ordinal))
        {
            Walk(subdirectory, files, problems);
        }
    }
}
