using NJsonSchema;
using Relief.Cli.Tests.Infrastructure;

namespace Relief.Cli.Tests;

/// <summary>The JSON the CLI prints is exactly the documented contract, docs/assessment.schema.json.</summary>
[Trait(Requires.Key, Requires.SharedData)]
public class JsonContractTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Docs, "assessment.schema.json")).GetAwaiter().GetResult());

    [Fact]
    public void Every_sample_and_every_synthea_bundle_yields_documents_that_match_the_schema()
    {
        var result = ReliefProcess.Run(
            "assess", RepositoryPaths.Samples, Path.Combine(RepositoryPaths.SharedData, "synthea-r4"), "--format", "json", "--as-of", "2026-11-21");

        // INDEX.json in the Synthea folder is not a bundle: it yields an error document, also in the contract.
        Assert.NotEmpty(result.OutputLines);
        foreach (var line in result.OutputLines)
        {
            var errors = Schema.Value.Validate(line);
            Assert.True(errors.Count == 0, $"{string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}\n{line[..Math.Min(300, line.Length)]}");
        }
    }

    [Fact]
    public void A_rejected_file_yields_an_error_document_in_the_contract()
    {
        var result = ReliefProcess.Run("assess", Path.Combine(RepositoryPaths.SharedData, "synthea-r4", "INDEX.json"), "--format", "json");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.OutputLines);
        Assert.Empty(Schema.Value.Validate(line));
        Assert.Contains("\"kind\":\"not-an-object\"", line, StringComparison.Ordinal);
    }
}
