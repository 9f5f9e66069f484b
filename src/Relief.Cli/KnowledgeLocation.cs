using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;

namespace Relief.Cli;

/// <summary>
/// Where the knowledge base is read from: --knowledge, else RELIEF_KNOWLEDGE, else the copy shipped beside
/// the binary (the build copies knowledge/ to the output folder).
/// </summary>
public static class KnowledgeLocation
{
    public const string EnvironmentVariable = "RELIEF_KNOWLEDGE";

    public static string Resolve(string? option) =>
        option
        ?? Environment.GetEnvironmentVariable(EnvironmentVariable)
        ?? Path.Combine(AppContext.BaseDirectory, "knowledge");

    /// <summary>Loads and validates; on failure prints every problem and returns null.</summary>
    public static KnowledgeBase? LoadOrReport(string directory, TextWriter error)
    {
        var result = KnowledgeLoader.Load(directory);
        if (result.Knowledge is { } knowledge)
        {
            return knowledge;
        }

        error.WriteLine($"relief: the knowledge base at {directory} is invalid ({result.Errors.Length} problem(s)):");
        foreach (var problem in result.Errors)
        {
            error.WriteLine($"  {problem}");
        }

        return null;
    }
}
