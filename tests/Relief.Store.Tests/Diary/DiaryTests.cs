using Microsoft.EntityFrameworkCore;
using Relief.Store.Application;
using Relief.Store.Diary;
using Relief.Store.Model;
using Relief.Store.Persistence;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Diary;

/// <summary>Diary entries: validation before any write, several a day, amendments with a trail, stale versions refused.</summary>
public abstract class DiaryTests : StoreTestBase
{
    private async Task<FollowUpStore> StoreWithPatientAsync()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Bytes(), Actor);
        return store;
    }

    [SkippableFact]
    public async Task An_entry_with_sites_qualities_and_instrument_answers_is_stored_with_coded_scores()
    {
        var store = await StoreWithPatientAsync();

        var result = await store.AddDiaryEntryAsync("p1", new DiaryInput
        {
            At = new DateTime(2026, 6, 15, 8, 0, 0, DateTimeKind.Utc),
            Pain = 6,
            Fatigue = 7,
            BodySites = ["back", "knee"],
            PainQualities = ["burning", "numbness"],
            Instruments = [new InstrumentAnswer("phq-9", 12), new InstrumentAnswer("fiqr", 54.5m)],
        }, Actor);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(new[] { "back", "knee" }, result.Value!.BodySites.AsEnumerable());
        await using var db = Connection!.CreateContext();
        var scores = await db.Measurements.OrderBy(m => m.InstrumentId).ToListAsync();
        Assert.Equal(["fiqr", "phq-9"], scores.Select(s => s.InstrumentId));
        Assert.Equal("http://loinc.org|44261-6", scores[1].Code);
        Assert.Equal($"{TestKnowledge.FollowUp.LocalCodeSystem}|fiqr-total", scores[0].Code);
        Assert.All(scores, s => Assert.Equal(result.Value.Id, s.DiaryEntryId));
    }

    [SkippableFact]
    public async Task Several_entries_a_day_are_all_kept()
    {
        var store = await StoreWithPatientAsync();
        for (var hour = 7; hour <= 21; hour += 7)
        {
            await store.AddDiaryEntryAsync("p1", new DiaryInput { At = new DateTime(2026, 6, 14, hour, 0, 0, DateTimeKind.Utc), Pain = hour / 3 }, Actor);
        }

        var page = await store.DiaryAsync("p1", new PageRequest(10), Actor);

        Assert.Equal([7, 4, 2], page.Value!.Items.Select(e => e.Pain!.Value));
    }

    [SkippableTheory]
    [InlineData("pain", 11)]
    [InlineData("pain", -1)]
    [InlineData("fatigue", 12)]
    [InlineData("exertion", 11)]
    [InlineData("mood", 11)]
    public async Task A_score_out_of_range_is_refused_naming_the_field_and_nothing_is_written(string field, int value)
    {
        var store = await StoreWithPatientAsync();
        var before = await CountsAsync();
        var input = field switch
        {
            "pain" => new DiaryInput { Pain = value },
            "fatigue" => new DiaryInput { Fatigue = value },
            "exertion" => new DiaryInput { Exertion = value },
            _ => new DiaryInput { Mood = value },
        };

        var result = await store.AddDiaryEntryAsync("p1", input, Actor);

        Assert.Equal(StoreOutcome.Invalid, result.Outcome);
        Assert.Equal(field, Assert.Single(result.Errors).Field);
        Assert.Equal(before, await CountsAsync());
    }

    [SkippableFact]
    public async Task Unknown_instrument_site_quality_and_a_future_date_are_all_reported_at_once()
    {
        var store = await StoreWithPatientAsync();

        var result = await store.AddDiaryEntryAsync("p1", new DiaryInput
        {
            At = new DateTime(2026, 6, 16, 12, 0, 0, DateTimeKind.Utc),
            Pain = 3,
            BodySites = ["elbowish"],
            PainQualities = ["itchy"],
            Instruments = [new InstrumentAnswer("beck", 3), new InstrumentAnswer("gad-7", 22)],
        }, Actor);

        Assert.Equal(["at", "site", "quality", "instrument", "instrument gad-7"], result.Errors.Select(e => e.Field));
    }

    [SkippableFact]
    public async Task A_score_inside_the_range_is_accepted_at_its_limits()
    {
        var store = await StoreWithPatientAsync();

        var result = await store.AddDiaryEntryAsync("p1", new DiaryInput { Pain = 10, Instruments = [new InstrumentAnswer("phq-9", 27), new InstrumentAnswer("gad-7", 0)] }, Actor);

        Assert.True(result.Succeeded, result.Message);
    }

    [SkippableFact]
    public async Task An_entry_for_an_unknown_patient_is_not_found()
    {
        var store = await OpenAsync();

        var result = await store.AddDiaryEntryAsync("nobody", new DiaryInput { Pain = 3 }, Actor);

        Assert.Equal(StoreOutcome.NotFound, result.Outcome);
    }

    [SkippableFact]
    public async Task A_PEM_crash_is_recorded_with_the_entry()
    {
        var store = await StoreWithPatientAsync();

        await store.AddDiaryEntryAsync("p1", new DiaryInput { Fatigue = 9, PemSeverity = 8 }, Actor);

        await using var db = Connection!.CreateContext();
        Assert.Equal(8, (await db.PemEpisodes.SingleAsync()).Severity);
    }

    [SkippableFact]
    public async Task An_amendment_keeps_the_previous_values_with_who_when_and_why()
    {
        var store = await StoreWithPatientAsync();
        var entry = (await store.AddDiaryEntryAsync("p1", new DiaryInput { Pain = 8, Notes = "typo" }, Actor)).Value!;

        var amended = await store.AmendDiaryEntryAsync(entry.Id, entry.Version, new DiaryInput { At = entry.At, Pain = 3, Notes = "meant 3" }, "nurse-a", "patient corrected the score");

        Assert.True(amended.Succeeded, amended.Message);
        Assert.Equal(2, amended.Value!.Version);
        var trail = Assert.Single(await store.AmendmentsAsync(nameof(DiaryEntry), entry.Id));
        Assert.Equal(("nurse-a", "patient corrected the score", 1), (trail.ChangedBy, trail.Reason, trail.ReplacedVersion));
        Assert.Equal("Pain,Notes", trail.ChangedFields);
        await using var db = Connection!.CreateContext();
        Assert.Contains("\"Pain\":8", (await db.Amendments.SingleAsync()).PreviousJson, StringComparison.Ordinal);
        Assert.Equal(3, (await db.DiaryEntries.SingleAsync()).Pain);
    }

    [SkippableFact]
    public async Task An_amendment_against_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var store = await StoreWithPatientAsync();
        var entry = (await store.AddDiaryEntryAsync("p1", new DiaryInput { Pain = 8 }, Actor)).Value!;
        await store.AmendDiaryEntryAsync(entry.Id, 1, new DiaryInput { At = entry.At, Pain = 5 }, "a", null);

        var stale = await store.AmendDiaryEntryAsync(entry.Id, 1, new DiaryInput { At = entry.At, Pain = 2 }, "b", null);

        Assert.Equal(StoreOutcome.Conflict, stale.Outcome);
        await using var db = Connection!.CreateContext();
        Assert.Equal(5, (await db.DiaryEntries.SingleAsync()).Pain);
        Assert.Equal(1, await db.Amendments.CountAsync());
    }

    [SkippableFact]
    public async Task Two_concurrent_writers_of_the_same_version_never_lose_an_update()
    {
        var store = await StoreWithPatientAsync();
        var entry = (await store.AddDiaryEntryAsync("p1", new DiaryInput { Pain = 8 }, Actor)).Value!;

        var results = await Task.WhenAll(
            Task.Run(() => store.AmendDiaryEntryAsync(entry.Id, 1, new DiaryInput { At = entry.At, Pain = 4 }, "writer-4", null)),
            Task.Run(() => store.AmendDiaryEntryAsync(entry.Id, 1, new DiaryInput { At = entry.At, Pain = 6 }, "writer-6", null)));

        // Exactly one wins; the other is told its copy is stale, so nobody's change vanishes unnoticed.
        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Outcome == StoreOutcome.Conflict);
        await using var db = Connection!.CreateContext();
        var stored = await db.DiaryEntries.SingleAsync();
        Assert.Equal(winner.Value!.Pain, stored.Pain);
        Assert.Equal(2, stored.Version);
        Assert.Equal(1, await db.Amendments.CountAsync());
    }

    [SkippableFact]
    public async Task Concurrent_new_entries_are_all_kept()
    {
        var store = await StoreWithPatientAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.AddDiaryEntryAsync("p1", new DiaryInput { Pain = i }, Actor))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        await using var db = Connection!.CreateContext();
        Assert.Equal(8, await db.DiaryEntries.CountAsync());
    }
}

public sealed class DiaryTestsOnSqlite : DiaryTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class DiaryTestsOnPostgres : DiaryTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
