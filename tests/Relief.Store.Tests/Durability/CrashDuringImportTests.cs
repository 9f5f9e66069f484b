using System.Diagnostics;
using Relief.Cli;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Durability;

/// <summary>
/// The real `relief patients import` is killed with its rows written but not committed (the fault-injection
/// pause, RELIEF_FAULT_PAUSE_BEFORE_COMMIT_MS): the store is exactly as it was before the import.
/// </summary>
[Trait(Requires.Name, Requires.SharedData)]
public abstract class CrashDuringImportTests : StoreTestBase
{
    [SkippableFact]
    public async Task An_import_killed_before_commit_leaves_the_store_as_it_was()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("already-there").Lab("alt", "1742-6", 30, "U/L", "2026-05-01").Bytes(), Actor);
        var before = await CountsAsync();
        var bundle = Directory.GetFiles(Path.Combine(RepositoryPaths.SharedData, "synthea-r4"), "*.json").First(f => !f.EndsWith("INDEX.json", StringComparison.Ordinal));

        using var process = Start(bundle);
        try
        {
            await KillMidTransactionAsync(process);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(before, await CountsAsync());
        var again = await store.ImportBundleAsync(File.ReadAllBytes(bundle), Actor);
        Assert.True(again.Succeeded && again.Value!.Created > 0, "the same bundle imports cleanly afterwards");
    }

    private async Task KillMidTransactionAsync(Process process)
    {
        var paused = false;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (line.Contains("pausing before commit", StringComparison.Ordinal))
            {
                paused = true;
                break;
            }
        }

        Assert.True(paused, "relief exited before reaching the commit");
        await AssertAnotherWriterHoldsAnOpenTransactionAsync();
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Proves the kill lands mid-transaction: the child has written and not committed.</summary>
    protected abstract Task AssertAnotherWriterHoldsAnOpenTransactionAsync();

    /// <summary>What a user passes to --store: the SQLite file's path, or the PostgreSQL connection string.</summary>
    private string StoreArgument => Connection!.Provider == Relief.Store.Persistence.StoreProvider.Sqlite ? Connection.Display : Connection.ConnectionString;

    private Process Start(string bundle)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "relief.dll"), "--store", StoreArgument, "patients", "import", bundle })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[StoreLocation.FaultPauseVariable] = "120000";
        return Process.Start(start)!;
    }
}

public sealed class CrashDuringImportTestsOnSqlite : CrashDuringImportTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();

    /// <summary>SQLite has one writer: while the child's transaction is open, our write lock attempt is refused (after a 1 s busy wait).</summary>
    protected override async Task AssertAnotherWriterHoldsAnOpenTransactionAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Connection!.Display};Pooling=False;Default Timeout=1");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE;";
        var busy = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(5, busy.SqliteErrorCode); // SQLITE_BUSY
    }
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class CrashDuringImportTestsOnPostgres : CrashDuringImportTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();

    /// <summary>The child's session is idle in a transaction that has a transaction id, i.e. it has written rows.</summary>
    protected override async Task AssertAnotherWriterHoldsAnOpenTransactionAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(Connection!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction' AND backend_xid IS NOT NULL",
            connection);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }
}
