using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;

namespace Relief.Benchmarks;

/// <summary>A temporary copy of the shipped knowledge base with a compiled snapshot beside its YAML.</summary>
public sealed class KnowledgeSnapshotCopy : IDisposable
{
    public KnowledgeSnapshotCopy()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "knowledge");
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var compiled = KnowledgeSnapshot.Compile(Directory);
        if (!compiled.Succeeded)
        {
            throw new InvalidOperationException(string.Join('\n', compiled.Errors));
        }
    }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"relief-kb-bench-{Guid.NewGuid():N}");

    /// <summary>The knowledge base, checking it came the way the benchmark means to measure.</summary>
    public static KnowledgeBase Require(KnowledgeLoadResult result, bool fromSnapshot) =>
        result.Knowledge is { } knowledge && result.FromSnapshot == fromSnapshot
            ? knowledge
            : throw new InvalidOperationException($"expected a load {(fromSnapshot ? "from the snapshot" : "from YAML")}: {string.Join('\n', result.Errors)}");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
