using Microsoft.EntityFrameworkCore;

namespace Relief.Store.Persistence;

/// <summary>The store on SQLite (the embedded default); its migrations are in Migrations/Sqlite.</summary>
public sealed class SqliteStoreContext : StoreDbContext
{
    public SqliteStoreContext(DbContextOptions<SqliteStoreContext> options)
        : base(options)
    {
    }
}
