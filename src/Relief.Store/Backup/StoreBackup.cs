using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Relief.Store.Persistence;

namespace Relief.Store.Backup;

/// <summary>
/// Backup and restore of a live store. SQLite: the online backup API (a consistent copy while others read
/// and write). PostgreSQL: pg_dump in custom format and pg_restore --clean (the server's own tools, which must
/// be on PATH or in /usr/lib/postgresql/*/bin).
/// </summary>
public static class StoreBackup
{
    public static async Task BackupAsync(StoreConnection store, string file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Provider == StoreProvider.Sqlite)
        {
            await using var source = new SqliteConnection(store.ConnectionString);
            await source.OpenAsync(cancellationToken);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(file), Pooling = false }.ToString());
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);
            return;
        }

        await RunAsync("pg_dump", store.ConnectionString, ["--format=custom", "--no-owner", $"--file={Path.GetFullPath(file)}"], cancellationToken);
    }

    /// <summary>Replaces the store's content with the backup's (everything written since the backup is gone).</summary>
    public static async Task RestoreAsync(StoreConnection store, string file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"backup {file} not found", file);
        }

        if (store.Provider == StoreProvider.Sqlite)
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(file), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await source.OpenAsync(cancellationToken);
            await using var target = new SqliteConnection(store.ConnectionString);
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);
            SqliteConnection.ClearAllPools();
            return;
        }

        await RunAsync("pg_restore", store.ConnectionString, ["--clean", "--if-exists", "--no-owner", "--single-transaction", $"--dbname={Database(store.ConnectionString)}", Path.GetFullPath(file)], cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    private static string Database(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database ?? "postgres";

    /// <summary>Runs a PostgreSQL client tool with the connection passed in PG* variables (never on the command line).</summary>
    private static async Task RunAsync(string tool, string connectionString, string[] arguments, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(FindTool(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = builder.Host ?? "127.0.0.1";
        start.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = builder.Username ?? Environment.UserName;
        start.Environment["PGDATABASE"] = builder.Database ?? "postgres";
        if (builder.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} could not be started");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {(await error).Trim().ReplaceLineEndings(" ")}");
        }
    }

    private static string FindTool(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", tool)).FirstOrDefault(File.Exists)
            : null;
        return installed ?? throw new InvalidOperationException($"{tool} not found: install the PostgreSQL client (apt-get install postgresql-client)");
    }
}
