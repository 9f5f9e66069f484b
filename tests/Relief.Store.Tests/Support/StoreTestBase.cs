using Microsoft.EntityFrameworkCore;
using Relief.Store.Application;
using Relief.Store.Persistence;

namespace Relief.Store.Tests.Support;

/// <summary>
/// Base of every store test class: each test gets a new, migrated database of the class's kind and a store with
/// a pinned clock (2026-06-15 12:00 UTC unless the test moves it). Concrete classes pick SQLite or PostgreSQL.
/// </summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    public static readonly string Actor = "test";

    protected abstract StoreTarget Target { get; }

    protected FixedClock Clock { get; } = FixedClock.At(2026, 6, 15);

    protected StoreConnection? Connection { get; private set; }

    /// <summary>A migrated empty store (skips or fails the test when its database is unavailable).</summary>
    protected async Task<FollowUpStore> OpenAsync()
    {
        Connection = await Target.CreateAsync();
        return await FollowUpStore.OpenAsync(Connection, TestKnowledge.Knowledge, TestKnowledge.FollowUp, Clock);
    }

    /// <summary>Row counts of every table, to show that an operation changed nothing.</summary>
    protected async Task<Dictionary<string, int>> CountsAsync()
    {
        await using var db = Connection!.CreateContext();
        return new Dictionary<string, int>
        {
            ["patients"] = await db.Patients.CountAsync(),
            ["conditions"] = await db.Conditions.CountAsync(),
            ["courses"] = await db.Courses.CountAsync(),
            ["measurements"] = await db.Measurements.CountAsync(),
            ["diary"] = await db.DiaryEntries.CountAsync(),
            ["pem"] = await db.PemEpisodes.CountAsync(),
            ["labs"] = await db.LabResults.CountAsync(),
            ["tasks"] = await db.Tasks.CountAsync(),
            ["resources"] = await db.ImportedResources.CountAsync(),
            ["amendments"] = await db.Amendments.CountAsync(),
        };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Target.DisposeAsync();
}
