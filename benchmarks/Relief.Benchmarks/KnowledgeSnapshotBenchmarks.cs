using BenchmarkDotNet.Attributes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;

namespace Relief.Benchmarks;

/// <summary>
/// Start-up's knowledge load from the YAML against the compiled snapshot (knowledge.snapshot.json, `relief kb compile`),
/// on a copy of the shipped knowledge/ with a snapshot compiled into it. Both validate and build the same model.
/// </summary>
[MemoryDiagnoser]
public class KnowledgeSnapshotBenchmarks
{
    private KnowledgeSnapshotCopy? _copy;

    [GlobalSetup]
    public void Setup() => _copy = new KnowledgeSnapshotCopy();

    [GlobalCleanup]
    public void Cleanup() => _copy?.Dispose();

    [Benchmark(Baseline = true, Description = "load knowledge from YAML")]
    public KnowledgeBase Yaml() => KnowledgeSnapshotCopy.Require(KnowledgeLoader.LoadYaml(_copy!.Directory), fromSnapshot: false);

    [Benchmark(Description = "load knowledge from the snapshot")]
    public KnowledgeBase Snapshot() => KnowledgeSnapshotCopy.Require(KnowledgeLoader.Load(_copy!.Directory), fromSnapshot: true);
}
