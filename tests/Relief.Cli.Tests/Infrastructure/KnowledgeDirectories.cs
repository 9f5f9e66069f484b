namespace Relief.Cli.Tests.Infrastructure;

/// <summary>Throwaway copies of the shipped knowledge for tests that edit or compile it; the test deletes its copy.</summary>
internal static class KnowledgeDirectories
{
    public static string CopyToTemp()
    {
        var target = Path.Combine(Path.GetTempPath(), $"relief-kb-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Knowledge, "*.yaml", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(RepositoryPaths.Knowledge, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
