using Microsoft.Data.Sqlite;

namespace Relief.Store.Persistence;

/// <summary>Which database the store lives in: a SQLite file (the default) or a PostgreSQL connection string.</summary>
public sealed record StoreConnection(StoreProvider Provider, string ConnectionString, string Display)
{
    public const string EnvironmentVariable = "RELIEF_STORE";

    /// <summary>
    /// --store value, else RELIEF_STORE, else the SQLite file in the user's data directory
    /// ($XDG_DATA_HOME/relief/relief.db, or ~/.local/share/relief/relief.db). A value containing "Host=" is a
    /// PostgreSQL connection string; anything else is a file path.
    /// </summary>
    public static StoreConnection Resolve(string? option)
    {
        var value = option ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(value) ? Sqlite(DefaultPath()) : Parse(value);
    }

    public static StoreConnection Parse(string value) =>
        value.Contains("Host=", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgres", StringComparison.OrdinalIgnoreCase)
            ? new StoreConnection(StoreProvider.Postgres, value, "PostgreSQL")
            : Sqlite(value);

    public static StoreConnection Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 };
        return new StoreConnection(StoreProvider.Sqlite, builder.ToString(), full);
    }

    public static string DefaultPath()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(root, "relief", "relief.db");
    }
}

public enum StoreProvider
{
    Sqlite,
    Postgres,
}
