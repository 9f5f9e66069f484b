using Microsoft.EntityFrameworkCore;
using Relief.Store.Persistence;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Import;

/// <summary>MyPAIN QuestionnaireResponses (CDS4CPM sample bundles) become coded PROMIS item scores.</summary>
[Trait(Requires.Name, Requires.SharedData)]
public abstract class QuestionnaireResponseTests : StoreTestBase
{
    private static string Bundle(string name) => Path.Combine(RepositoryPaths.SharedData, "cds4cpm-bundles", name);

    [SkippableFact]
    public async Task Ms_Bravo_answers_become_PROMIS_scores_with_their_LOINC_question_and_answer_codes()
    {
        var store = await OpenAsync();

        var result = await store.ImportBundleAsync(File.ReadAllBytes(Bundle("ms_bravo.json")), Actor);

        Assert.True(result.Succeeded, result.Message);
        await using var db = Connection!.CreateContext();
        var scores = await db.Measurements.ToListAsync();
        // The response says "Moderate" for worst, average and current pain: 3 on the PROMIS 1-5 item scale.
        var worst = Assert.Single(scores, s => s.Code == "http://loinc.org|75262-6");
        Assert.Equal(3m, worst.Value);
        Assert.Equal("http://loinc.org|LA6751-7", worst.AnswerCode);
        Assert.Equal("promis-pain-intensity-worst", worst.InstrumentId);
        Assert.Contains(scores, s => s.Code == "http://loinc.org|75261-8" && s.Value == 3m);
        Assert.All(scores, s => Assert.StartsWith("QuestionnaireResponse/", s.SourceResource, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Mr_Delta_quite_a_bit_of_interference_scores_4()
    {
        var store = await OpenAsync();

        await store.ImportBundleAsync(File.ReadAllBytes(Bundle("mr_delta.json")), Actor);

        await using var db = Connection!.CreateContext();
        var interference = await db.Measurements.SingleAsync(s => s.Code == "http://loinc.org|61758-9");
        Assert.Equal(4m, interference.Value);
        Assert.Equal("http://loinc.org|LA13902-4", interference.AnswerCode);
    }

    [SkippableFact]
    public async Task Importing_the_response_again_adds_no_second_set_of_scores()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(File.ReadAllBytes(Bundle("ms_bravo.json")), Actor);
        var before = await CountsAsync();

        await store.ImportBundleAsync(File.ReadAllBytes(Bundle("ms_bravo.json")), Actor);

        Assert.Equal(before, await CountsAsync());
    }
}

public sealed class QuestionnaireResponseTestsOnSqlite : QuestionnaireResponseTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class QuestionnaireResponseTestsOnPostgres : QuestionnaireResponseTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
