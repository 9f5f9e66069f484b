using BenchmarkDotNet.Attributes;
using Relief.Core.Knowledge;

namespace Relief.Benchmarks;

/// <summary>What a process pays once at start-up: loading and validating the knowledge base.</summary>
[MemoryDiagnoser]
public class KnowledgeLoadBenchmarks
{
    [Benchmark(Description = "load + validate knowledge")]
    public KnowledgeBase Load() => BenchmarkData.LoadKnowledge();
}
