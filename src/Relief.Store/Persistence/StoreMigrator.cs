using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Relief.Store.Persistence;

/// <summary>Creates the database on first use and applies any pending migration; SQLite runs in WAL mode.</summary>
public static class StoreMigrator
{
    public static async Task MigrateAsync(StoreConnection connection, CancellationToken cancellationToken = default)
    {
        if (connection.Provider == StoreProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        await using var context = connection.CreateContext();
        await context.Database.MigrateAsync(cancellationToken);
        if (connection.Provider == StoreProvider.Sqlite)
        {
            // WAL lets readers run while one writer commits, and survives a killed writer without corruption.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
