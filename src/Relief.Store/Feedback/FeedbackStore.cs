using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Relief.Store.Persistence;

namespace Relief.Store.Feedback;

/// <summary>Opens the feedback tables in the store's database (<see cref="StoreConnection"/>: SQLite file or PostgreSQL) and migrates them.</summary>
public sealed class FeedbackStore(StoreConnection connection)
{
    public StoreConnection Connection { get; } = connection;

    public FeedbackDbContext CreateContext() => Connection.Provider switch
    {
        StoreProvider.Sqlite => new SqliteFeedbackContext(new DbContextOptionsBuilder<SqliteFeedbackContext>()
            .UseSqlite(Connection.ConnectionString, o => o.MigrationsHistoryTable(FeedbackDbContext.HistoryTable))
            .Options),
        _ => new PostgresFeedbackContext(new DbContextOptionsBuilder<PostgresFeedbackContext>()
            .UseNpgsql(Connection.ConnectionString, o => o.MigrationsHistoryTable(FeedbackDbContext.HistoryTable))
            .Options),
    };

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (Connection.Provider == StoreProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(Connection.ConnectionString).DataSource;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        await using var context = CreateContext();
        await context.Database.MigrateAsync(cancellationToken);
        if (Connection.Provider == StoreProvider.Sqlite)
        {
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
