using Microsoft.EntityFrameworkCore;
using Relief.Store.Model;
using Relief.Store.Persistence;
using Relief.Store.Records;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Persistence;

/// <summary>The assessment's hand-written diary read returns what the EF Core query it replaced returns: same rows, times, scores.</summary>
public abstract class DiaryHistoryReaderTests : StoreTestBase
{
    [SkippableFact]
    public async Task The_diary_read_equals_the_EF_Core_read_of_the_current_entries_in_time_order()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Bytes(), Actor);
        await store.ImportBundleAsync(new Bundles("p2").Bytes(), Actor);
        var connection = Connection!;
        await using (var seed = connection.CreateContext())
        {
            var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 300; i++)
            {
                // Whole seconds, milliseconds and microseconds (PostgreSQL keeps microseconds), several a day, nulls.
                var at = start.AddHours(i * 7).AddTicks((i % 3) switch { 0 => 0, 1 => 1_230_000, _ => 4_567_890 });
                seed.DiaryEntries.Add(new DiaryEntry
                {
                    PatientId = i % 5 == 0 ? "p2" : "p1",
                    At = at,
                    Pain = i % 4 == 0 ? null : i % 11,
                    Fatigue = i % 6 == 0 ? null : i % 10,
                    Exertion = i % 9 == 0 ? null : i % 8,
                    Status = i % 13 == 0 ? EntryStatus.EnteredInError : EntryStatus.Current,
                    RecordedAt = at,
                    RecordedBy = "test",
                });
            }

            await seed.SaveChangesAsync();
        }

        await using var db = connection.CreateContext();
        var expected = await db.DiaryEntries.AsNoTracking().Where(e => e.PatientId == "p1" && e.Status == EntryStatus.Current)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
        var history = await StoredHistory.LoadForAssessmentAsync(db, "p1", default);

        Assert.True(expected.Count > 200);
        Assert.Equal(
            expected.Select(e => (e.Id, e.At, e.At.Kind, e.Pain, e.Fatigue, e.Exertion)),
            history!.Diary.Select(e => (e.Id, e.At, e.At.Kind, e.Pain, e.Fatigue, e.Exertion)));
        Assert.All(history.Diary, e => Assert.Equal("p1", e.PatientId));
    }
}

public sealed class DiaryHistoryReaderTestsOnSqlite : DiaryHistoryReaderTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class DiaryHistoryReaderTestsOnPostgres : DiaryHistoryReaderTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
