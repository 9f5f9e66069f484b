using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Relief.Store.Feedback;

// dotnet-ef builds the feedback contexts through these to generate migrations; no database is opened.

internal sealed class SqliteFeedbackDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFeedbackContext>
{
    public SqliteFeedbackContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFeedbackContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(FeedbackDbContext.HistoryTable)).Options);
}

internal sealed class PostgresFeedbackDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFeedbackContext>
{
    public PostgresFeedbackContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFeedbackContext>()
            .UseNpgsql("Host=127.0.0.1;Database=relief_design", o => o.MigrationsHistoryTable(FeedbackDbContext.HistoryTable)).Options);
}
