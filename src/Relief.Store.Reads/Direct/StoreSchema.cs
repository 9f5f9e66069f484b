using System.Data.Common;
using Relief.Store.Persistence;

namespace Relief.Store.Direct;

/// <summary>
/// The schema version the hand-written reads are written against: the last EF Core migration of each provider.
/// A store at exactly that migration can be read without EF Core; anything else (missing, older, newer) goes
/// through the EF Core path, which creates or migrates it. A test fails when a migration is added and these are not
/// updated (SchemaVersionTests).
/// </summary>
public static class StoreSchema
{
    public const string SqliteMigration = "20261130141435_DiaryScoresIndex";

    public const string PostgresMigration = "20261130141535_DiaryScoresIndex";

    public static string Expected(StoreProvider provider) => provider == StoreProvider.Sqlite ? SqliteMigration : PostgresMigration;

    /// <summary>True when the store's last applied migration is the one this build's reads expect.</summary>
    public static async Task<bool> IsCurrentAsync(DbConnection connection, StoreProvider provider, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1";
        if (!await HasHistoryTableAsync(connection, provider, cancellationToken))
        {
            return false; // a database that was never migrated (a new, empty file): the EF Core path creates it
        }

        return await command.ExecuteScalarAsync(cancellationToken) is string last && last == Expected(provider);
    }

    private static async Task<bool> HasHistoryTableAsync(DbConnection connection, StoreProvider provider, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider == StoreProvider.Sqlite
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'"
            : "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = '__EFMigrationsHistory'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
