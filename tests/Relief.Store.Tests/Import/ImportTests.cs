using System.Text;
using Microsoft.EntityFrameworkCore;
using Relief.Store.Model;
using Relief.Store.Persistence;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Import;

/// <summary>Importing bundles: idempotent, upsert by resource identity, newer version wins, conflicts reported.</summary>
public abstract class ImportTests : StoreTestBase
{
    [SkippableFact]
    public async Task The_same_bundle_twice_changes_nothing()
    {
        var store = await OpenAsync();
        var bundle = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "samples", "fibromyalgia-long-term-prednisone.json"));

        var first = await store.ImportBundleAsync(bundle, Actor);
        var after = await CountsAsync();
        var second = await store.ImportBundleAsync(bundle, Actor);

        Assert.True(first.Succeeded, first.Message);
        Assert.True(first.Value!.Created > 0);
        Assert.Equal(0, second.Value!.Created);
        Assert.Equal(0, second.Value.Updated);
        Assert.Equal(first.Value.Created, second.Value.Unchanged);
        Assert.Empty(second.Value.Conflicts);
        Assert.Equal(after, await CountsAsync());
    }

    [SkippableFact]
    public async Task A_newer_version_replaces_the_stored_one_and_keeps_the_old_text_in_the_trail()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Lab("alt-1", "1742-6", 30, "U/L", "2026-05-01", versionId: "1").Bytes(), Actor);

        var result = await store.ImportBundleAsync(new Bundles("p1").Lab("alt-1", "1742-6", 45, "U/L", "2026-05-01", versionId: "2").Bytes(), Actor);

        Assert.Equal(1, result.Value!.Updated);
        await using var db = Connection!.CreateContext();
        var labs = await db.LabResults.Where(l => l.PatientId == "p1").ToListAsync();
        Assert.Equal(45m, Assert.Single(labs, l => l.Status == EntryStatus.Current).Value);
        Assert.Equal(30m, Assert.Single(labs, l => l.Status == EntryStatus.Superseded).Value);
        var amendment = Assert.Single(await db.Amendments.Where(a => a.EntityType == nameof(ImportedResource)).ToListAsync());
        Assert.Contains("30", amendment.PreviousJson, StringComparison.Ordinal);
        Assert.Equal("versionId 2", (await db.ImportedResources.SingleAsync(r => r.ResourceId == "alt-1")).VersionId is { } v ? $"versionId {v}" : null);
    }

    [SkippableFact]
    public async Task An_older_version_is_a_conflict_and_the_stored_one_stays()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Lab("alt-1", "1742-6", 45, "U/L", "2026-05-01", lastUpdated: "2026-05-02T10:00:00Z").Bytes(), Actor);
        var before = await CountsAsync();

        var result = await store.ImportBundleAsync(new Bundles("p1").Lab("alt-1", "1742-6", 30, "U/L", "2026-05-01", lastUpdated: "2026-05-01T10:00:00Z").Bytes(), Actor);

        var conflict = Assert.Single(result.Value!.Conflicts);
        Assert.Equal("Observation/alt-1", conflict.Resource);
        Assert.Contains("newer", conflict.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
        await using var db = Connection!.CreateContext();
        Assert.Equal(45m, (await db.LabResults.SingleAsync()).Value);
    }

    [SkippableFact]
    public async Task Different_content_without_a_newer_version_is_a_conflict()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Lab("alt-1", "1742-6", 45, "U/L", "2026-05-01").Bytes(), Actor);

        var result = await store.ImportBundleAsync(new Bundles("p1").Lab("alt-1", "1742-6", 46, "U/L", "2026-05-01").Bytes(), Actor);

        Assert.Single(result.Value!.Conflicts);
        Assert.Equal(0, result.Value.Updated);
    }

    [SkippableFact]
    public async Task A_resource_of_another_patient_is_not_moved()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Lab("shared-id", "1742-6", 45, "U/L", "2026-05-01").Bytes(), Actor);

        var result = await store.ImportBundleAsync(new Bundles("p2").Lab("shared-id", "1742-6", 50, "U/L", "2026-05-01", versionId: "9").Bytes(), Actor);

        Assert.Contains(result.Value!.Conflicts, c => c.Resource == "Observation/shared-id" && c.Reason.Contains("p1", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Not_a_bundle_is_refused_and_nothing_is_written()
    {
        var store = await OpenAsync();

        var result = await store.ImportBundleAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Patient\""), Actor);

        Assert.False(result.Succeeded);
        Assert.Equal("bundle", result.Errors[0].Field);
        Assert.All(await CountsAsync(), c => Assert.Equal(0, c.Value));
    }

    [SkippableFact]
    public async Task Imported_observations_of_an_instrument_become_scores_and_others_lab_results()
    {
        var store = await OpenAsync();
        var bundle = new Bundles("p1").Lab("nrs", "72514-3", 6, "{score}", "2026-05-01").Lab("crea", "2160-0", 80, "umol/L", "2026-05-01");

        await store.ImportBundleAsync(bundle.Bytes(), Actor);

        await using var db = Connection!.CreateContext();
        var score = await db.Measurements.SingleAsync();
        Assert.Equal("pain-nrs", score.InstrumentId);
        Assert.Equal(6m, score.Value);
        Assert.Equal("http://loinc.org|2160-0", Assert.Single((await db.LabResults.SingleAsync()).Codes));
    }
}

public sealed class ImportTestsOnSqlite : ImportTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class ImportTestsOnPostgres : ImportTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
