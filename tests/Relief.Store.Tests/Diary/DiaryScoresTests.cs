using Microsoft.EntityFrameworkCore;
using Relief.Store.Application;
using Relief.Store.Diary;
using Relief.Store.Persistence;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Diary;

/// <summary>The questionnaire scores of listed diary entries (the diary page's recent entries): theirs only, the patient's only, audited.</summary>
public abstract class DiaryScoresTests : StoreTestBase
{
    private static readonly DateTime Morning = new(2026, 6, 15, 8, 0, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task Each_listed_entry_gets_its_own_scores_and_an_entry_without_answers_gets_none()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Bytes(), Actor);
        var scored = await store.AddDiaryEntryAsync("p1", new DiaryInput { At = Morning, Instruments = [new InstrumentAnswer("peg", 5.67m), new InstrumentAnswer("dsq-pem", 2)] }, Actor);
        var plain = await store.AddDiaryEntryAsync("p1", new DiaryInput { At = Morning.AddHours(4), Pain = 3 }, Actor);

        var scores = await store.DiaryScoresAsync("p1", [scored.Value!.Id, plain.Value!.Id], Actor);

        Assert.Equal([("peg", 5.67m), ("dsq-pem", 2m)], scores[scored.Value.Id].Select(m => (m.InstrumentId, m.Value)));
        Assert.False(scores.ContainsKey(plain.Value.Id));
        await using var db = Connection!.CreateContext();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.PatientId == "p1" && a.EntityType == "OutcomeMeasurement" && a.Actor == Actor));
    }

    [SkippableFact]
    public async Task Another_patients_entry_id_gives_nothing()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Bytes(), Actor);
        await store.ImportBundleAsync(new Bundles("p2").Bytes(), Actor);
        var theirs = await store.AddDiaryEntryAsync("p2", new DiaryInput { At = Morning, Instruments = [new InstrumentAnswer("peg", 4)] }, Actor);

        var scores = await store.DiaryScoresAsync("p1", [theirs.Value!.Id], Actor);

        Assert.Empty(scores);
    }
}

public sealed class DiaryScoresTestsOnSqlite : DiaryScoresTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class DiaryScoresTestsOnPostgres : DiaryScoresTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
