using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Relief.Core.Knowledge.Loading;
using Relief.Service.Hosting;
using Relief.Store.Application;
using Relief.Store.Knowledge;
using Relief.Store.Persistence;

namespace Relief.Service.Tests;

/// <summary>The nightly re-derivation of monitoring tasks in `relief serve`, driven by a fake clock.</summary>
public sealed class TaskRederivationTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("relief-rederive-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));

    private StoreConnection Connection => StoreConnection.Sqlite(Path.Combine(_folder, "relief.db"));

    [Theory]
    [InlineData("2026-06-15T01:30:00Z", 30)]
    [InlineData("2026-06-15T02:00:00Z", 24 * 60)]
    [InlineData("2026-06-15T23:15:00Z", 2 * 60 + 45)]
    public void The_next_run_is_todays_time_if_still_ahead_else_tomorrows(string now, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), TaskRederivationService.UntilNext(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(2, 0)));
    }

    [Fact]
    public async Task Tasks_are_re_derived_at_the_set_time_each_day_and_not_before()
    {
        var store = await StoreWithTasksRemovedAsync();
        using var service = new TaskRederivationService(store, _time, new TimeOnly(2, 0), NullLogger<TaskRederivationService>.Instance);
        await service.StartAsync(CancellationToken.None);

        // Fixed by StartAsync itself: ExecuteAsync starts on the thread pool (.NET 10) and may begin after the clock
        // has moved; a schedule read there could skip the 02:00 run (this test failed that way under load).
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), service.FirstRunAt);

        _time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(200);
        Assert.Equal(0, service.Runs);
        Assert.Equal(0, await OpenTasksAsync());

        _time.Advance(TimeSpan.FromMinutes(1));
        await WaitForRunsAsync(service, 1);
        Assert.True(await OpenTasksAsync() > 0, "the 02:00 run re-derived the methotrexate patient's monitoring tasks");

        _time.Advance(TimeSpan.FromHours(24));
        await WaitForRunsAsync(service, 2);
        await service.StopAsync(CancellationToken.None);
    }

    /// <summary>A store holding the methotrexate sample (which has monitoring tasks) with its tasks deleted behind the store's back.</summary>
    private async Task<FollowUpStore> StoreWithTasksRemovedAsync()
    {
        var knowledge = KnowledgeLoader.Load(RepositoryPaths.Knowledge).Knowledge!;
        var followUp = FollowUpKnowledgeLoader.Load(RepositoryPaths.Knowledge, knowledge).Knowledge!;
        var store = await FollowUpStore.OpenAsync(Connection, knowledge, followUp, new FakeClock(_time));
        var imported = await store.ImportBundleAsync(await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, "rheumatoid-arthritis-on-methotrexate.json")), "test");
        Assert.True(imported.Succeeded, imported.Message);
        Assert.True(await OpenTasksAsync() > 0, "the import derives the sample's tasks");
        await using var db = Connection.CreateContext();
        await db.Tasks.ExecuteDeleteAsync();
        return store;
    }

    private async Task<int> OpenTasksAsync()
    {
        await using var db = Connection.CreateContext();
        return await db.Tasks.CountAsync(t => t.State == "open");
    }

    /// <summary>The run happens on the service's own task after the fake timer fires: wait for it (bounded).</summary>
    private static async Task WaitForRunsAsync(TaskRederivationService service, int runs)
    {
        for (var i = 0; i < 600 && service.Runs < runs; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(runs, service.Runs);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The store's NodaTime clock reading the same fake time as the service.</summary>
    private sealed class FakeClock(TimeProvider time) : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(time.GetUtcNow());
    }
}
