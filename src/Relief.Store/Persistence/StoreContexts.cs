using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Relief.Store.Persistence;

/// <summary>EF Core contexts for a <see cref="StoreConnection"/> (which lives in Relief.Store.Reads, without EF Core).</summary>
public static class StoreContexts
{
    private static readonly ConcurrentDictionary<(StoreProvider Provider, string ConnectionString), Func<StoreDbContext>> Pools = new();

    /// <summary>
    /// A context from a pool (one per store): building options and a context per call was a measurable part of
    /// a short read; a pooled context is reset when disposed.
    /// </summary>
    public static StoreDbContext CreateContext(this StoreConnection connection) =>
        Pools.GetOrAdd((connection.Provider, connection.ConnectionString), NewPool)();

    private static Func<StoreDbContext> NewPool((StoreProvider Provider, string ConnectionString) key)
    {
        if (key.Provider == StoreProvider.Sqlite)
        {
            var sqlite = new PooledDbContextFactory<SqliteStoreContext>(new DbContextOptionsBuilder<SqliteStoreContext>().UseSqlite(key.ConnectionString).Options);
            return sqlite.CreateDbContext;
        }

        var postgres = new PooledDbContextFactory<PostgresStoreContext>(new DbContextOptionsBuilder<PostgresStoreContext>().UseNpgsql(key.ConnectionString).Options);
        return postgres.CreateDbContext;
    }
}
