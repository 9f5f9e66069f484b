using Microsoft.EntityFrameworkCore;

namespace Relief.Store.Persistence;

/// <summary>The store on PostgreSQL; its migrations are in Migrations/Postgres.</summary>
public sealed class PostgresStoreContext : StoreDbContext
{
    public PostgresStoreContext(DbContextOptions<PostgresStoreContext> options)
        : base(options)
    {
    }
}
