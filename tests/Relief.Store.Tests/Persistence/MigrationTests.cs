using Microsoft.EntityFrameworkCore;
using Relief.Store.Persistence;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Persistence;

/// <summary>The migrations create the whole model from an empty database, and match the model exactly.</summary>
public abstract class MigrationTests : StoreTestBase
{
    [SkippableFact]
    public async Task Migrating_an_empty_database_applies_every_migration_and_leaves_no_model_change_pending()
    {
        await OpenAsync();
        await using var db = Connection!.CreateContext();

        var applied = await db.Database.GetAppliedMigrationsAsync();

        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add for both contexts");
        Assert.Equal(0, await db.Patients.CountAsync());
    }

    [SkippableFact]
    public async Task Opening_twice_is_harmless()
    {
        await OpenAsync();

        await StoreMigrator.MigrateAsync(Connection!);

        await using var db = Connection!.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}

public sealed class MigrationTestsOnSqlite : MigrationTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();

    [Fact]
    public async Task The_SQLite_store_runs_in_WAL_mode()
    {
        await OpenAsync();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(Connection!.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public void The_default_store_is_relief_db_in_the_XDG_data_directory()
    {
        var path = StoreConnection.DefaultPath();

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share") : xdg;
        Assert.Equal(Path.Combine(root, "relief", "relief.db"), path);
    }

    [Fact]
    public void A_value_with_Host_is_a_PostgreSQL_connection_string_and_anything_else_a_file()
    {
        Assert.Equal(StoreProvider.Postgres, StoreConnection.Parse("Host=127.0.0.1;Database=relief").Provider);
        Assert.Equal(StoreProvider.Sqlite, StoreConnection.Parse("/tmp/relief.db").Provider);
    }
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class MigrationTestsOnPostgres : MigrationTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
