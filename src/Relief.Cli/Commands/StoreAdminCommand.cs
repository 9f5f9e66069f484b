using System.CommandLine;
using System.Data.Common;
using Relief.Store.Backup;
using Relief.Store.Persistence;

namespace Relief.Cli.Commands;

/// <summary>
/// `relief store backup <file>` and `relief store restore <file> --yes`: SQLite through the online backup API
/// (a consistent copy while the store is in use), PostgreSQL through pg_dump / pg_restore (custom format).
/// </summary>
public static class StoreAdminCommand
{
    public static Command Build()
    {
        var store = new Command("store", "Back up and restore the follow-up store");
        var file = new Argument<string>("file") { Description = "The backup file" };
        var backup = new Command("backup", "Copy the store to a file while it stays in use (SQLite online backup; PostgreSQL pg_dump --format=custom)");
        backup.Arguments.Add(file);
        backup.SetAction((parse, ct) => RunAsync(parse, async (connection, output, error) =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (File.Exists(path))
            {
                error.WriteLine($"relief: {path} exists; choose a new file (a backup never overwrites one)");
                return ExitCodes.InvalidInput;
            }

            if (connection.Provider == StoreProvider.Sqlite && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection.ConnectionString).DataSource))
            {
                error.WriteLine($"relief: there is no store at {connection.Display} to back up");
                return ExitCodes.StoreUnavailable;
            }

            await StoreBackup.BackupAsync(connection, path, ct);
            output.WriteLine($"backed up {connection.Display} to {path} ({new FileInfo(path).Length:N0} bytes)");
            return ExitCodes.Ok;
        }));

        var yes = new Option<bool>("--yes") { Description = "Confirm: everything written to the store since the backup is replaced" };
        var restore = new Command("restore", "Replace the store's content with a backup's (needs --yes); the next command migrates it if the backup is older");
        restore.Arguments.Add(file);
        restore.Options.Add(yes);
        restore.SetAction((parse, ct) => RunAsync(parse, async (connection, output, error) =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path))
            {
                error.WriteLine($"relief: backup {path} not found");
                return ExitCodes.InvalidInput;
            }

            if (!parse.GetValue(yes))
            {
                error.WriteLine($"relief: restoring replaces everything in {connection.Display}; run again with --yes to confirm");
                return ExitCodes.InvalidInput;
            }

            if (connection.Provider == StoreProvider.Sqlite && !await LooksLikeStoreAsync(path, ct))
            {
                error.WriteLine($"relief: {path} is not a Relief SQLite store backup; the store is unchanged");
                return ExitCodes.InvalidInput;
            }

            await StoreBackup.RestoreAsync(connection, path, ct);
            output.WriteLine($"restored {connection.Display} from {path}");
            return ExitCodes.Ok;
        }));

        store.Subcommands.Add(backup);
        store.Subcommands.Add(restore);
        return store;
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<StoreConnection, TextWriter, TextWriter, Task<int>> run)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var connection = StoreConnection.Resolve(parse.GetValue(ReliefCommand.StoreOption));
        try
        {
            return await run(connection, output, error);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"relief: {StoreLocation.OneLine(e)} ({connection.Display})");
            return ExitCodes.StoreUnavailable;
        }
    }

    /// <summary>A SQLite file holding the store's tables (a restore from anything else would empty the store).</summary>
    private static async Task<bool> LooksLikeStoreAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('patients', '__EFMigrationsHistory')";
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 2;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }
}
