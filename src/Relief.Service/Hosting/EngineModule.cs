using Relief.Core.Assessment;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;
using Relief.Fhir.Contract;

namespace Relief.Service.Hosting;

/// <summary>The knowledge base (loaded and validated once, at start) and the engine built on it.</summary>
public static class EngineModule
{
    public static void AddEngine(this IServiceCollection services, ReliefServiceOptions options)
    {
        var directory = options.Knowledge
            ?? Environment.GetEnvironmentVariable("RELIEF_KNOWLEDGE")
            ?? Path.Combine(AppContext.BaseDirectory, "knowledge");
        var loaded = KnowledgeLoader.Load(directory);
        if (loaded.Knowledge is not { } knowledge)
        {
            throw new InvalidKnowledgeException(directory, [.. loaded.Errors.Select(e => e.ToString())]);
        }

        services.AddSingleton(knowledge);
        services.AddSingleton(new Assessor(knowledge));
        services.AddSingleton(sp => new AssessmentPipeline(sp.GetRequiredService<Assessor>()));
        services.AddHostedService<EngineWarmup>();
    }
}

/// <summary>The service cannot start: its knowledge base is invalid (each problem listed).</summary>
public sealed class InvalidKnowledgeException(string directory, IReadOnlyList<string> problems)
    : Exception($"the knowledge base at {directory} is invalid ({problems.Count} problem(s)): {string.Join("; ", problems.Take(5))}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
