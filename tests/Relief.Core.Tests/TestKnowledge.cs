using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;

namespace Relief.Core.Tests;

/// <summary>The knowledge bases tests run against, loaded once per test run.</summary>
public static class TestKnowledge
{
    private static readonly Lazy<KnowledgeBase> LazyMini = new(() => LoadOrThrow(MiniDirectory));
    private static readonly Lazy<KnowledgeBase> LazyReal = new(() => LoadOrThrow(RealDirectory));

    /// <summary>A miniature knowledge base with made-up sources, for the engine's mechanics.</summary>
    public static string MiniDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "knowledge");

    /// <summary>The repository's knowledge/ directory, copied beside the tests.</summary>
    public static string RealDirectory => Path.Combine(AppContext.BaseDirectory, "knowledge");

    public static KnowledgeBase Mini => LazyMini.Value;

    public static KnowledgeBase Real => LazyReal.Value;

    private static KnowledgeBase LoadOrThrow(string directory)
    {
        var result = KnowledgeLoader.Load(directory);
        return result.Knowledge ?? throw new InvalidOperationException(
            $"knowledge at {directory} is invalid:\n{string.Join("\n", result.Errors)}");
    }
}
