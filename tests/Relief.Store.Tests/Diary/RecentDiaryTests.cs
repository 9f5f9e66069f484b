using Relief.Store.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Relief.Store.Application;
using Relief.Store.Diary;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Diary;

/// <summary>
/// The diary page's recent entries: the latest by the time they describe, not by when they were recorded, so a
/// backdated entry takes its own place; bounded by the count asked for; audited like every read.
/// </summary>
public abstract class RecentDiaryTests : StoreTestBase
{
    private static readonly DateTime Day = new(2026, 6, 10, 8, 0, 0, DateTimeKind.Utc);

    private async Task<FollowUpStore> StoreWithPatientAsync()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Bytes(), Actor);
        return store;
    }

    [SkippableFact]
    public async Task A_backdated_entry_recorded_last_is_listed_at_the_time_it_describes()
    {
        var store = await StoreWithPatientAsync();
        // Recorded in this order: day 3, day 1, day 4, then day 2 (backdated two days, recorded last).
        foreach (var (day, pain) in new[] { (2, 3), (0, 1), (3, 4), (1, 2) })
        {
            Clock.Now += Duration.FromMinutes(1);
            await store.AddDiaryEntryAsync("p1", new DiaryInput { At = Day.AddDays(day), Pain = pain }, Actor);
        }

        var recent = await store.RecentDiaryAsync("p1", 10, Actor);

        Assert.Equal([4, 3, 2, 1], recent.Value.Select(e => e.Pain!.Value));
        // The recording order is still there to read: the day-2 entry was recorded after all the others.
        var backdated = recent.Value.Single(e => e.Pain == 2);
        Assert.True(recent.Value.Where(e => e.Pain != 2).All(e => e.RecordedAt < backdated.RecordedAt));
        Assert.Equal(Clock.Now.ToDateTimeUtc(), backdated.RecordedAt);
    }

    [SkippableFact]
    public async Task Only_the_latest_entries_up_to_the_count_are_read()
    {
        var store = await StoreWithPatientAsync();
        for (var day = 0; day < 9; day++)
        {
            await store.AddDiaryEntryAsync("p1", new DiaryInput { At = Day.AddDays(-day), Pain = day }, Actor);
        }

        var recent = await store.RecentDiaryAsync("p1", 7, Actor);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], recent.Value.Select(e => e.Pain!.Value));
    }

    [SkippableFact]
    public async Task Entries_describing_the_same_instant_are_listed_newest_recorded_first()
    {
        var store = await StoreWithPatientAsync();
        await store.AddDiaryEntryAsync("p1", new DiaryInput { At = Day, Pain = 1 }, Actor);
        await store.AddDiaryEntryAsync("p1", new DiaryInput { At = Day, Pain = 2 }, Actor);

        var recent = await store.RecentDiaryAsync("p1", 7, Actor);

        Assert.Equal([2, 1], recent.Value.Select(e => e.Pain!.Value));
    }

    [SkippableFact]
    public async Task Another_patients_entries_never_appear_and_an_unknown_patient_is_not_found()
    {
        var store = await StoreWithPatientAsync();
        await store.ImportBundleAsync(new Bundles("p2").Bytes(), Actor);
        await store.AddDiaryEntryAsync("p2", new DiaryInput { At = Day, Pain = 9 }, Actor);

        var mine = await store.RecentDiaryAsync("p1", 7, Actor);
        var nobody = await store.RecentDiaryAsync("nobody", 7, Actor);

        Assert.Empty(mine.Value);
        Assert.Equal(StoreOutcome.NotFound, nobody.Outcome);
    }

    [SkippableFact]
    public async Task Reading_the_recent_entries_is_audited()
    {
        var store = await StoreWithPatientAsync();

        await store.RecentDiaryAsync("p1", 7, "reader-1");

        await using var db = Connection!.CreateContext();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.PatientId == "p1" && a.Actor == "reader-1" && a.EntityType == "DiaryEntry"));
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task A_count_outside_1_to_50_is_a_programming_error(int count)
    {
        var store = await StoreWithPatientAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.RecentDiaryAsync("p1", count, Actor));
    }
}

public sealed class RecentDiaryTestsOnSqlite : RecentDiaryTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class RecentDiaryTestsOnPostgres : RecentDiaryTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
