using NodaTime;
using Relief.Store.Application;
using Relief.Store.Diary;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Assessment;

/// <summary>ME/CFS pacing advice from PEM crashes and the exertion 24-72 h before them (knowledge/follow-up/pacing.yaml, NICE NG206).</summary>
public abstract class PacingTests : StoreTestBase
{
    private static readonly DateTime Crash = new(2026, 6, 14, 10, 0, 0, DateTimeKind.Utc);

    private async Task<FollowUpStore> PatientAsync(string snomed, params (double HoursBefore, int Exertion)[] exertion)
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Condition("c1", snomed, "condition").Bytes(), Actor);
        var diary = exertion.Select(e => new DiaryInput { At = Crash.AddHours(-e.HoursBefore), Exertion = e.Exertion }).ToList();
        diary.Add(new DiaryInput { At = Crash, Fatigue = 9, PemSeverity = 8 });
        Assert.True((await store.AddDiaryEntriesAsync("p1", diary, Actor)).Succeeded);
        return store;
    }

    [SkippableFact]
    public async Task A_crash_48_hours_after_exertion_beyond_the_envelope_brings_the_NG206_energy_management_advice()
    {
        var store = await PatientAsync("52702003", (48, 8));

        var result = await store.AssessAsync("p1", new LocalDate(2026, 6, 15), Actor);

        var pacing = result.Value!.Pacing;
        Assert.Equal(["pacing-crash-after-exertion", "pacing-review-plan"], pacing.Select(p => p.AdviceId).Order());
        var afterExertion = pacing.Single(p => p.AdviceId == "pacing-crash-after-exertion");
        Assert.Equal("nice-ng206", afterExertion.Source.Id);
        Assert.Equal(8, Assert.Single(Assert.Single(afterExertion.Crashes).PriorExertion).Exertion);
    }

    [SkippableFact]
    public async Task Light_exertion_before_a_crash_brings_only_the_plan_review()
    {
        var store = await PatientAsync("52702003", (48, 2));

        var result = await store.AssessAsync("p1", new LocalDate(2026, 6, 15), Actor);

        Assert.Equal(["pacing-review-plan"], result.Value!.Pacing.Select(p => p.AdviceId));
    }

    [SkippableFact]
    public async Task Exertion_outside_the_24_to_72_hour_window_is_not_linked()
    {
        var store = await PatientAsync("52702003", (6, 9), (80, 9));

        var result = await store.AssessAsync("p1", new LocalDate(2026, 6, 15), Actor);

        Assert.DoesNotContain(result.Value!.Pacing, p => p.AdviceId == "pacing-crash-after-exertion");
    }

    [SkippableFact]
    public async Task No_pacing_advice_without_ME_CFS()
    {
        var store = await PatientAsync("203082005", (48, 9));

        var result = await store.AssessAsync("p1", new LocalDate(2026, 6, 15), Actor);

        Assert.Empty(result.Value!.Pacing);
    }

    [SkippableFact]
    public async Task A_crash_older_than_the_recent_window_brings_no_advice()
    {
        var store = await PatientAsync("52702003", (48, 9));

        var result = await store.AssessAsync("p1", new LocalDate(2026, 8, 30), Actor);

        Assert.Empty(result.Value!.Pacing);
    }
}

public sealed class PacingTestsOnSqlite : PacingTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class PacingTestsOnPostgres : PacingTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
