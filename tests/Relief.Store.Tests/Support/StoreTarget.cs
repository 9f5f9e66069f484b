using Npgsql;
using Relief.Store.Persistence;

namespace Relief.Store.Tests.Support;

/// <summary>
/// A fresh, empty database for one test: a temporary SQLite file, or a new PostgreSQL database on the server
/// named by RELIEF_TEST_POSTGRES. Every store test runs against both (one test class per database).
/// </summary>
public abstract class StoreTarget : IAsyncDisposable
{
    public abstract Task<StoreConnection> CreateAsync();

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTarget : StoreTarget
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "relief-store-tests", Guid.NewGuid().ToString("N"));

    public override Task<StoreConnection> CreateAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.FromResult(StoreConnection.Sqlite(Path.Combine(_directory, "relief.db")));
    }

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a child process that was killed: the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTarget : StoreTarget
{
    public const string EnvironmentVariable = "RELIEF_TEST_POSTGRES";
    private readonly List<string> _databases = [];

    /// <summary>
    /// The server to test against. Unset: the PostgreSQL tests are skipped on a developer machine, and fail in
    /// CI (CI=true), where .ci/run starts a server and sets the variable.
    /// </summary>
    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } s ? s : null;

    public static void SkipOrFailWhenUnavailable()
    {
        if (AdminConnectionString is not null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{EnvironmentVariable} is not set: CI must run the store tests against PostgreSQL (.ci/run starts one)");
        }

        Skip.If(true, $"{EnvironmentVariable} is not set: PostgreSQL store tests skipped on this machine");
    }

    public override async Task<StoreConnection> CreateAsync()
    {
        SkipOrFailWhenUnavailable();
        var name = "relief_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        _databases.Add(name);
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return StoreConnection.Parse(builder.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        if (AdminConnectionString is null || _databases.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        foreach (var name in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
