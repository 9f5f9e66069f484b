using NodaTime;
using Relief.Store.Application;
using Relief.Store.Diary;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Assessment;

/// <summary>
/// The engine judges a stored patient from the whole history: response from the diary (baseline before the
/// start, follow-up since, IMMPACT bands), monitoring from stored labs, safety from current courses.
/// </summary>
public abstract class HistoryAssessmentTests : StoreTestBase
{
    private static readonly LocalDate AsOf = new(2026, 6, 15);
    private static readonly DateOnly Start = new(2026, 4, 1);

    /// <summary>A fibromyalgia patient on duloxetine from 1 April with pain diaries before and after (three entries a day).</summary>
    private async Task<FollowUpStore> DuloxetinePatientAsync(int painBefore, int painAfter)
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Condition("fm", "203082005", "Fibromyalgia").Bytes(), Actor);
        var course = await store.StartCourseAsync("p1", new CourseInput("rxnorm|72625", "duloxetine 60 mg", Start, new DoseInput(60, "mg")), Actor);
        Assert.True(course.Succeeded, course.Message);
        var diary = new List<DiaryInput>();
        for (var day = Start.AddDays(-14); day < new DateOnly(2026, 6, 15); day = day.AddDays(1))
        {
            // The start day's scores are the baseline (response.yaml: the latest score on or before the start).
            var pain = day <= Start ? painBefore : day < Start.AddDays(14) ? (painBefore + painAfter) / 2 : painAfter;
            foreach (var hour in new[] { 8, 14, 20 })
            {
                // The evening score is one point higher: the engine must see the day's mean, not the last entry.
                var score = hour == 20 ? Math.Min(10, pain + 1) : pain;
                diary.Add(new DiaryInput { At = day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc), Pain = score });
            }
        }

        var added = await store.AddDiaryEntriesAsync("p1", diary, Actor);
        Assert.True(added.Succeeded, added.Message);

        return store;
    }

    [SkippableFact]
    public async Task Pain_falling_from_8_to_3_on_duloxetine_is_a_substantial_response()
    {
        var store = await DuloxetinePatientAsync(painBefore: 8, painAfter: 3);

        var result = await store.AssessAsync("p1", AsOf, Actor);

        var response = Assert.Single(result.Value!.Assessment.Response, r => r.IngredientId == "duloxetine");
        Assert.Equal("substantial", response.BandId);
        // Daily means: (8+8+9)/3 = 8.3 before, (3+3+4)/3 = 3.3 after.
        Assert.Equal(8.3m, response.Baseline.Value);
        Assert.Equal(3.3m, response.FollowUp.Value);
        Assert.Equal(new LocalDate(2026, 4, 1), response.Baseline.Date);
    }

    [SkippableFact]
    public async Task Pain_staying_at_7_on_duloxetine_is_no_meaningful_response()
    {
        var store = await DuloxetinePatientAsync(painBefore: 7, painAfter: 7);

        var result = await store.AssessAsync("p1", AsOf, Actor);

        var response = Assert.Single(result.Value!.Assessment.Response, r => r.IngredientId == "duloxetine");
        Assert.Equal("none", response.BandId);
    }

    [SkippableFact]
    public async Task The_weekly_pain_trend_follows_the_diary()
    {
        var store = await DuloxetinePatientAsync(painBefore: 8, painAfter: 3);

        var result = await store.AssessAsync("p1", AsOf, Actor);

        var last = result.Value!.PainTrend[^1];
        // The diary ends on Sunday 14 June: the last week is the one starting Monday 8 June.
        Assert.Equal(new DateOnly(2026, 6, 8), last.WeekStart);
        Assert.Equal(3.3m, last.Mean);
    }

    [SkippableFact]
    public async Task A_stored_baseline_lab_closes_the_monitoring_task_that_asked_for_it()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Condition("ra", "69896004", "Rheumatoid arthritis").Bytes(), Actor);
        await store.StartCourseAsync("p1", new CourseInput("rxnorm|6851", "methotrexate 15 mg weekly", new DateOnly(2026, 6, 1), new DoseInput(15, "mg", 1, 1, "wk")), Actor);
        var before = await store.DueTasksAsync(AsOf, new PageRequest(100), Actor);
        Assert.Contains(before.Items, t => t.PatientId == "p1" && t.Kind == "baseline-missing" && t.TestIds.Contains("albumin"));

        var lab = await store.AddLabResultAsync("p1", new LabInput("1751-7", 40, "g/L", new DateOnly(2026, 5, 20)), Actor);

        Assert.True(lab.Succeeded, lab.Message);
        var after = await store.DueTasksAsync(AsOf, new PageRequest(100), Actor);
        Assert.DoesNotContain(after.Items, t => t.TestIds.Contains("albumin") && t.Kind == "baseline-missing");
        Assert.Contains(after.Items, t => t.Kind == "baseline-missing" && t.TestIds.Contains("platelets"));
        Assert.All(after.Items, t => Assert.Equal("moderate", t.Severity));
    }

    [SkippableFact]
    public async Task Stopping_the_course_closes_its_tasks()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Bytes(), Actor);
        var course = (await store.StartCourseAsync("p1", new CourseInput("rxnorm|6851", "methotrexate", new DateOnly(2026, 6, 1), new DoseInput(15, "mg", 1, 1, "wk")), Actor)).Value!;
        Assert.NotEmpty((await store.DueTasksAsync(AsOf, new PageRequest(100), Actor)).Items);

        var stopped = await store.StopCourseAsync(course.Id, course.Version, new DateOnly(2026, 6, 10), "nausea", Actor);

        Assert.True(stopped.Succeeded, stopped.Message);
        Assert.Empty((await store.DueTasksAsync(AsOf, new PageRequest(100), Actor)).Items);
    }

    [SkippableFact]
    public async Task Safety_comes_from_current_courses_not_stopped_ones()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Bytes(), Actor);
        var methotrexate = (await store.StartCourseAsync("p1", new CourseInput("rxnorm|6851", "methotrexate", new DateOnly(2026, 5, 1), new DoseInput(15, "mg", 1, 1, "wk")), Actor)).Value!;
        await store.StartCourseAsync("p1", new CourseInput("rxnorm|5640", "ibuprofen 400 mg", new DateOnly(2026, 6, 1), new DoseInput(400, "mg", 3)), Actor);
        var together = await store.AssessAsync("p1", AsOf, Actor);
        Assert.NotEmpty(together.Value!.Assessment.Safety.Interactions);

        await store.StopCourseAsync(methotrexate.Id, methotrexate.Version, new DateOnly(2026, 5, 30), "switched", Actor);

        var apart = await store.AssessAsync("p1", AsOf, Actor);
        Assert.Empty(apart.Value!.Assessment.Safety.Interactions);
    }
}

public sealed class HistoryAssessmentTestsOnSqlite : HistoryAssessmentTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class HistoryAssessmentTestsOnPostgres : HistoryAssessmentTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
