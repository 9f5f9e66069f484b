using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Relief.Store.Application;
using Relief.Store.Diary;
using Relief.Store.Model;
using Relief.Store.Persistence;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Import;

/// <summary>
/// Export then import is idempotent (issue 8: upsert by resource identity): the store's own entries come back
/// recognised by their stable identifier, so goals, courses and diary values are never duplicated.
/// </summary>
public abstract class ReimportTests : StoreTestBase
{
    private const string PatientId = "reimport-patient";

    /// <summary>A second, empty database of the same kind (for an export carried to another store).</summary>
    protected abstract StoreTarget NewTarget();

    /// <summary>A patient imported from a bundle, then given entries of every kind through the application layer.</summary>
    private async Task<FollowUpStore> StoreWithHistoryAsync()
    {
        var store = await OpenAsync();
        var bundle = new Bundles(PatientId).Condition("fm", "203082005", "Fibromyalgia").Lab("alt-1", "1742-6", 30, "U/L", "2026-04-01");
        Assert.True((await store.ImportBundleAsync(bundle.Bytes(), Actor)).Succeeded);
        var course = (await store.StartCourseAsync(PatientId, new CourseInput("rxnorm|72625", "duloxetine", new DateOnly(2026, 5, 1), new DoseInput(30, "mg")), Actor)).Value!;
        Assert.True((await store.ChangeDoseAsync(course.Id, course.Version, new DateOnly(2026, 5, 15), new DoseInput(60, "mg"), Actor)).Succeeded);
        Assert.True((await store.AddGoalAsync(PatientId, new GoalInput("Walk to the shop", new DateOnly(2026, 6, 1), "pain-nrs", 3), Actor)).Succeeded);
        Assert.True((await store.AddDiaryEntryAsync(PatientId, new DiaryInput { Pain = 6, Fatigue = 5, Exertion = 4, SleepHours = 7m, Mood = 6, BodySites = ["back"], Instruments = [new InstrumentAnswer("phq-9", 8)] }, Actor)).Succeeded);
        Assert.True((await store.AddAdverseEventAsync(PatientId, new AdverseEventInput(new DateOnly(2026, 6, 3), "nausea", "mild", course.Id), Actor)).Succeeded);
        Assert.True((await store.AddLabResultAsync(PatientId, new LabInput("1742-6", 35, "U/L", new DateOnly(2026, 6, 10)), Actor)).Succeeded);
        return store;
    }

    private static async Task<Dictionary<string, int>> EntryCountsAsync(StoreConnection connection)
    {
        await using var db = connection.CreateContext();
        return new Dictionary<string, int>
        {
            ["patients"] = await db.Patients.CountAsync(),
            ["conditions"] = await db.Conditions.CountAsync(),
            ["courses"] = await db.Courses.CountAsync(),
            ["doses"] = await db.DoseChanges.CountAsync(),
            ["goals"] = await db.Goals.CountAsync(),
            ["measurements"] = await db.Measurements.CountAsync(),
            ["diary"] = await db.DiaryEntries.CountAsync(),
            ["labs"] = await db.LabResults.CountAsync(),
            ["adverse events"] = await db.AdverseEvents.CountAsync(),
            ["tasks"] = await db.Tasks.CountAsync(),
            ["resources"] = await db.ImportedResources.CountAsync(),
            ["amendments"] = await db.Amendments.CountAsync(),
        };
    }

    [SkippableFact]
    public async Task Every_exported_resource_carries_the_stable_identifier_of_its_entry()
    {
        var store = await StoreWithHistoryAsync();

        var export = JsonNode.Parse((await store.ExportPatientAsync(PatientId, Actor)).Value!)!;

        var resources = export["entry"]!.AsArray().Select(e => e!["resource"]!).ToList();
        Assert.All(resources, r => Assert.NotNull(Identity(r)));
        var goal = Assert.Single(resources, r => (string?)r["resourceType"] == "Goal");
        Assert.Matches("^goal/[0-9]+$", Identity(goal));
        Assert.Equal($"patient/{PatientId}", Identity(Assert.Single(resources, r => (string?)r["resourceType"] == "Patient")));
        Assert.All(resources, r => Assert.Empty(FhirSchema.Validate(r)));
    }

    [SkippableFact]
    public async Task An_exported_patient_imported_again_changes_nothing()
    {
        var store = await StoreWithHistoryAsync();
        var first = (await store.ExportPatientAsync(PatientId, Actor)).Value!;
        var before = await EntryCountsAsync(Connection!);

        var import = await store.ImportBundleAsync(Encoding.UTF8.GetBytes(first), Actor);

        Assert.True(import.Succeeded, import.Message);
        Assert.Equal((0, 0), (import.Value!.Created, import.Value.Updated));
        Assert.Empty(import.Value.Conflicts);
        Assert.Equal(before, await EntryCountsAsync(Connection!));
        Assert.Equal(first, (await store.ExportPatientAsync(PatientId, Actor)).Value);
    }

    [SkippableFact]
    public async Task A_resource_naming_an_entry_the_store_does_not_hold_is_imported()
    {
        var store = await StoreWithHistoryAsync();
        var export = JsonNode.Parse((await store.ExportPatientAsync(PatientId, Actor)).Value!)!;
        var goal = export["entry"]!.AsArray().Select(e => e!["resource"]!).Single(r => (string?)r["resourceType"] == "Goal");
        goal["id"] = "goal-from-elsewhere";
        goal["identifier"]![0]!["value"] = "goal/987654";
        var before = await EntryCountsAsync(Connection!);

        var import = await store.ImportBundleAsync(Encoding.UTF8.GetBytes(export.ToJsonString()), Actor);

        Assert.True(import.Succeeded, import.Message);
        Assert.Equal(1, import.Value!.Created);
        var after = await EntryCountsAsync(Connection!);
        Assert.Equal(before["goals"] + 1, after["goals"]);
        Assert.Equal(before["courses"], after["courses"]);
    }

    [SkippableFact]
    public async Task An_export_carried_to_another_store_and_back_and_forth_is_never_duplicated()
    {
        var store = await StoreWithHistoryAsync();
        var export = Encoding.UTF8.GetBytes((await store.ExportPatientAsync(PatientId, Actor)).Value!);
        await using var otherTarget = NewTarget();
        var other = await FollowUpStore.OpenAsync(await otherTarget.CreateAsync(), TestKnowledge.Knowledge, TestKnowledge.FollowUp, Clock);

        var firstImport = await other.ImportBundleAsync(export, Actor);
        var counts = await EntryCountsAsync(other.Connection);
        var again = await other.ImportBundleAsync(export, Actor);
        var roundTrip = await other.ImportBundleAsync(Encoding.UTF8.GetBytes((await other.ExportPatientAsync(PatientId, Actor)).Value!), Actor);

        Assert.True(firstImport.Succeeded, firstImport.Message);
        Assert.Equal((1, 1), (counts["goals"], counts["courses"]));
        Assert.Equal((0, 0), (again.Value!.Created, again.Value.Updated));
        Assert.Equal((0, 0), (roundTrip.Value!.Created, roundTrip.Value.Updated));
        Assert.Empty(roundTrip.Value.Conflicts);
        Assert.Equal(counts, await EntryCountsAsync(other.Connection));
    }

    private static string? Identity(JsonNode resource)
    {
        var identifier = resource["identifier"];
        List<JsonNode?> list = identifier is JsonArray array ? [.. array] : [identifier];
        return list.Where(i => i is not null && (string?)i["system"] == EntryIdentifier.System).Select(i => (string?)i!["value"]).FirstOrDefault();
    }
}

public sealed class ReimportTestsOnSqlite : ReimportTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();

    protected override StoreTarget NewTarget() => new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class ReimportTestsOnPostgres : ReimportTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();

    protected override StoreTarget NewTarget() => new PostgresTarget();
}
