namespace Relief.Core.Tests;

/// <summary>A throwaway copy of a knowledge directory that a test may break, deleted when the test ends.</summary>
public sealed class KnowledgeCopy : IDisposable
{
    public KnowledgeCopy(string source)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"relief-kb-{Guid.NewGuid():N}");

    /// <summary>Replaces text in one file; the text must be there, so a test cannot pass by editing nothing.</summary>
    public void Replace(string file, string find, string replace)
    {
        var path = Path.Combine(Directory, file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
