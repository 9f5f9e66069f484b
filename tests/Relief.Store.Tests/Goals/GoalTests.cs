using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Relief.Store.Application;
using Relief.Store.Persistence;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Goals;

/// <summary>The patient's own goals: validation, the amendment trail, FHIR Goal import and export.</summary>
public abstract class GoalTests : StoreTestBase
{
    private const string PatientId = "goal-patient";

    private async Task<FollowUpStore> StoreWithPatientAsync(Bundles? bundle = null)
    {
        var store = await OpenAsync();
        var import = await store.ImportBundleAsync((bundle ?? new Bundles(PatientId)).Bytes(), Actor);
        Assert.True(import.Succeeded, import.Message);
        return store;
    }

    private async Task<int> GoalRowsAsync()
    {
        await using var db = Connection!.CreateContext();
        return await db.Goals.CountAsync();
    }

    [SkippableFact]
    public async Task A_goal_with_a_target_is_stored_and_listed_with_the_instruments_better_direction()
    {
        var store = await StoreWithPatientAsync();

        var added = await store.AddGoalAsync(PatientId, new GoalInput("Walk the dog every day", new DateOnly(2026, 6, 1), "pain-nrs", 4, DueDate: new DateOnly(2026, 9, 1)), Actor);
        await store.AddGoalAsync(PatientId, new GoalInput("Back to choir", new DateOnly(2026, 6, 10)), Actor);

        Assert.True(added.Succeeded, added.Message);
        var goals = (await store.GoalsAsync(PatientId, Actor)).Value;
        Assert.Equal(["Back to choir", "Walk the dog every day"], goals.Select(g => g.Text));
        var walk = goals[1];
        Assert.Equal("<=", walk.Comparator);
        Assert.Equal(4m, walk.TargetValue);
        Assert.Equal("http://loinc.org|72514-3", walk.MeasureCode);
        Assert.Equal("active", walk.Lifecycle);
        Assert.Null(goals[0].Target);
        var overview = (await store.GetPatientAsync(PatientId, Actor)).Value!;
        Assert.Equal(goals.ToArray(), overview.Goals.ToArray());
    }

    [SkippableTheory]
    [InlineData("", null, null, null, "text")]
    [InlineData("Sleep better", "no-such-scale", 3.0, null, "instrument")]
    [InlineData("Less pain", "pain-nrs", 11.0, null, "target")]
    [InlineData("Less pain", "pain-nrs", 3.5, null, "target")]
    [InlineData("Less pain", "pain-nrs", null, null, "target")]
    [InlineData("Less pain", null, 3.0, null, "instrument")]
    [InlineData("Less pain", "pain-nrs", 3.0, "<", "comparator")]
    public async Task A_bad_goal_is_refused_naming_the_field_and_nothing_is_stored(string text, string? instrument, double? target, string? comparator, string field)
    {
        var store = await StoreWithPatientAsync();

        var result = await store.AddGoalAsync(PatientId, new GoalInput(text, new DateOnly(2026, 6, 1), instrument, (decimal?)target, comparator), Actor);

        Assert.Equal(StoreOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Errors, e => e.Field == field);
        Assert.Equal(0, await GoalRowsAsync());
    }

    [SkippableFact]
    public async Task Dates_are_checked_a_future_start_and_a_due_date_before_the_start_are_refused()
    {
        var store = await StoreWithPatientAsync();

        var future = await store.AddGoalAsync(PatientId, new GoalInput("Swim", new DateOnly(2026, 7, 1)), Actor);
        var backwards = await store.AddGoalAsync(PatientId, new GoalInput("Swim", new DateOnly(2026, 6, 1), DueDate: new DateOnly(2026, 5, 1)), Actor);
        var unknown = await store.AddGoalAsync("nobody", new GoalInput("Swim", new DateOnly(2026, 6, 1)), Actor);

        Assert.Contains(future.Errors, e => e.Field == "start");
        Assert.Contains(backwards.Errors, e => e.Field == "due");
        Assert.Equal(StoreOutcome.NotFound, unknown.Outcome);
        Assert.Equal(0, await GoalRowsAsync());
    }

    [SkippableFact]
    public async Task A_status_change_keeps_the_earlier_status_in_the_trail_and_a_stale_version_is_a_conflict()
    {
        var store = await StoreWithPatientAsync();
        var goal = (await store.AddGoalAsync(PatientId, new GoalInput("Garden for an hour", new DateOnly(2026, 6, 1)), Actor)).Value!;

        var changed = await store.UpdateGoalStatusAsync(goal.Id, goal.Version, new GoalStatusInput("completed", "achieved", "did it twice this week"), "dr-a");
        var stale = await store.UpdateGoalStatusAsync(goal.Id, goal.Version, new GoalStatusInput("active", null, null), "dr-b");
        var invalid = await store.UpdateGoalStatusAsync(goal.Id, changed.Value!.Version, new GoalStatusInput("finished", "great", null), "dr-b");

        Assert.True(changed.Succeeded, changed.Message);
        Assert.Equal(("completed", "achieved", 2), (changed.Value.Lifecycle, changed.Value.Achievement, changed.Value.Version));
        Assert.Equal(StoreOutcome.Conflict, stale.Outcome);
        Assert.Equal(["lifecycle", "achievement"], invalid.Errors.Select(e => e.Field));
        var history = (await store.EntryHistoryAsync(HistoryKind.PatientGoal, goal.Id, Actor)).Value!;
        var amendment = Assert.Single(history.Amendments);
        Assert.Equal((1, "dr-a", "did it twice this week", "Lifecycle,Achievement"), (amendment.ReplacedVersion, amendment.ChangedBy, amendment.Reason, amendment.ChangedFields));
        Assert.Equal(2, history.CurrentVersion);
        Assert.Equal("completed", (await store.GoalsAsync(PatientId, Actor)).Value.Single().Lifecycle);
    }

    [SkippableFact]
    public async Task A_FHIR_Goal_is_imported_once_with_its_target_and_a_newer_version_replaces_it()
    {
        var bundle = new Bundles(PatientId).Add(Goal("g1", "active", "1"));
        var store = await StoreWithPatientAsync(bundle);

        var again = await store.ImportBundleAsync(bundle.Bytes(), Actor);
        var imported = Assert.Single((await store.GoalsAsync(PatientId, Actor)).Value);

        Assert.Equal(0, again.Value!.Created + again.Value.Updated);
        Assert.Equal(("Pain low enough to work half days", "pain-nrs", "<=", 4m, new DateOnly(2026, 9, 30)), (imported.Text, imported.InstrumentId, imported.Comparator, imported.TargetValue, imported.DueDate));
        Assert.Equal(("active", "improving", new DateOnly(2026, 3, 1)), (imported.Lifecycle, imported.Achievement, imported.Start));

        var newer = await store.ImportBundleAsync(new Bundles(PatientId).Add(Goal("g1", "completed", "2")).Bytes(), Actor);

        Assert.Equal(1, newer.Value!.Updated);
        Assert.Equal("completed", Assert.Single((await store.GoalsAsync(PatientId, Actor)).Value).Lifecycle);
        Assert.Equal(2, await GoalRowsAsync());
    }

    [SkippableFact]
    [Trait(Requires.Name, Requires.SharedData)]
    public async Task Goals_are_exported_as_FHIR_Goal_valid_against_the_schema()
    {
        var store = await StoreWithPatientAsync();
        await store.AddGoalAsync(PatientId, new GoalInput("Walk to the shop", new DateOnly(2026, 6, 1), "pain-nrs", 3, DueDate: new DateOnly(2026, 8, 1), Note: "with a stick if needed"), Actor);
        await store.AddGoalAsync(PatientId, new GoalInput("Read a book a month", new DateOnly(2026, 6, 2)), Actor);

        var export = JsonNode.Parse((await store.ExportPatientAsync(PatientId, Actor)).Value!)!;

        var goals = export["entry"]!.AsArray().Select(e => e!["resource"]!).Where(r => (string?)r["resourceType"] == "Goal").ToList();
        Assert.Equal(2, goals.Count);
        Assert.All(goals, g => Assert.Empty(FhirSchema.Validate(g)));
        var walk = Assert.Single(goals, g => (string?)g["description"]!["text"] == "Walk to the shop");
        var target = walk["target"]![0]!;
        Assert.Equal("72514-3", (string?)target["measure"]!["coding"]![0]!["code"]);
        Assert.Equal(("<=", 3m), ((string?)target["detailQuantity"]!["comparator"], (decimal)target["detailQuantity"]!["value"]!));
        Assert.Equal("2026-08-01", (string?)target["dueDate"]);
        Assert.Equal("active", (string?)walk["lifecycleStatus"]);
        Assert.Equal($"Patient/{PatientId}", (string?)walk["subject"]!["reference"]);
    }

    private static JsonObject Goal(string id, string lifecycle, string versionId) => new()
    {
        ["resourceType"] = "Goal",
        ["id"] = id,
        ["meta"] = new JsonObject { ["versionId"] = versionId },
        ["lifecycleStatus"] = lifecycle,
        ["achievementStatus"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/goal-achievement", ["code"] = "improving" }) },
        ["description"] = new JsonObject { ["text"] = "Pain low enough to work half days" },
        ["subject"] = new JsonObject { ["reference"] = $"Patient/{PatientId}" },
        ["startDate"] = "2026-03-01",
        ["target"] = new JsonArray(new JsonObject
        {
            ["measure"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "72514-3" }) },
            ["detailQuantity"] = new JsonObject { ["value"] = 4, ["comparator"] = "<=", ["system"] = "http://unitsofmeasure.org", ["code"] = "{score}" },
            ["dueDate"] = "2026-09-30",
        }),
    };
}

public sealed class GoalTestsOnSqlite : GoalTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class GoalTestsOnPostgres : GoalTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
