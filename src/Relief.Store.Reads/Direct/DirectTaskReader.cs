using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using Relief.Store.Application;
using Relief.Store.Persistence;

namespace Relief.Store.Direct;

/// <summary>
/// `relief tasks due` without EF Core: one hand-written query on the `monitoring_tasks (State, DueDate)` index and the
/// read's audit row, over plain ADO.NET. EF Core's start-up (building the model, compiling the LINQ query, checking
/// migrations) cost a whole process hundreds of milliseconds before a query of about a millisecond; this path has
/// none of it and is Native AOT safe. It answers exactly as <c>FollowUpStore.DueTasksAsync</c> (the differential
/// test, both databases) and is used only on a store at the schema it was written for (<see cref="StoreSchema"/>).
/// </summary>
public sealed class DirectTaskReader : IDueTasks, IAsyncDisposable
{
    private readonly DbConnection _db;
    private readonly StoreProvider _provider;
    private readonly IClock _clock;

    private DirectTaskReader(DbConnection db, StoreProvider provider, IClock clock)
    {
        _db = db;
        _provider = provider;
        _clock = clock;
    }

    /// <summary>
    /// Opens the store for direct reads, or returns null when it must go through EF Core first: a SQLite file that
    /// does not exist yet, or a store not at <see cref="StoreSchema"/>'s migration. Connection failures throw.
    /// </summary>
    public static async Task<DirectTaskReader?> OpenIfCurrentAsync(StoreConnection store, IClock clock, CancellationToken cancellationToken = default)
    {
        DbConnection db;
        if (store.Provider == StoreProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(store.ConnectionString);
            if (!File.Exists(builder.DataSource))
            {
                return null;
            }

            // Never create a file here: creating and migrating is the EF Core path's job.
            builder.Mode = SqliteOpenMode.ReadWrite;
            db = new SqliteConnection(builder.ToString());
        }
        else
        {
            db = new NpgsqlConnection(store.ConnectionString);
        }

        try
        {
            await db.OpenAsync(cancellationToken);
            if (await StoreSchema.IsCurrentAsync(db, store.Provider, cancellationToken))
            {
                return new DirectTaskReader(db, store.Provider, clock);
            }
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        await db.DisposeAsync();
        return null;
    }

    public async Task<Page<TaskView>> DueTasksAsync(LocalDate asOf, PageRequest page, string actor, CancellationToken cancellationToken = default)
    {
        var size = page.ClampedSize;
        var sqlite = _provider == StoreProvider.Sqlite;
        await using var command = _db.CreateCommand();
        var sql = new StringBuilder(
            "SELECT \"Id\", \"PatientId\", \"Kind\", \"RuleId\", \"TestIds\", \"DueDate\", \"Severity\", \"Message\", \"State\", \"Version\" " +
            "FROM monitoring_tasks WHERE \"State\" = 'open' AND \"DueDate\" <= @due");
        Add(command, "@due", Day(new DateOnly(asOf.Year, asOf.Month, asOf.Day)));
        if (page.OnlyPatients is { } only)
        {
            sql.Append(sqlite ? " AND \"PatientId\" IN (SELECT value FROM json_each(@only))" : " AND \"PatientId\" = ANY(@only)");
            Add(command, "@only", sqlite ? JsonSerializer.Serialize(only.ToArray(), ReadsJson.Default.StringArray) : only.ToArray());
        }

        // The cursor is the one FollowUpStore writes ("yyyy-MM-dd:id"); a cursor that does not parse is ignored, as there.
        if (page.After is { } after && after.Split(':') is [var dueText, var idText]
            && DateOnly.TryParse(dueText, CultureInfo.InvariantCulture, out var afterDue) && long.TryParse(idText, out var afterId))
        {
            sql.Append(" AND (\"DueDate\" > @afterDue OR (\"DueDate\" = @afterDue AND \"Id\" > @afterId))");
            Add(command, "@afterDue", Day(afterDue));
            Add(command, "@afterId", afterId);
        }

        sql.Append(" ORDER BY \"DueDate\", \"Id\" LIMIT @take");
        Add(command, "@take", size + 1);
        command.CommandText = sql.ToString();

        var rows = new List<TaskView>(Math.Min(size + 1, 256));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new TaskView
                {
                    Id = reader.GetInt64(0),
                    PatientId = reader.GetString(1),
                    Kind = reader.GetString(2),
                    RuleId = reader.GetString(3),
                    TestIds = sqlite ? [.. JsonSerializer.Deserialize(reader.GetString(4), ReadsJson.Default.StringArray) ?? []] : [.. reader.GetFieldValue<string[]>(4)],
                    DueDate = sqlite ? DateOnly.ParseExact(reader.GetString(5), "yyyy-MM-dd", CultureInfo.InvariantCulture) : reader.GetFieldValue<DateOnly>(5),
                    Severity = reader.GetString(6),
                    Message = reader.GetString(7),
                    State = reader.GetString(8),
                    Version = reader.GetInt32(9),
                });
            }
        }

        await using (var audit = _db.CreateCommand())
        {
            audit.CommandText = ReadAudit.Statement(_provider);
            audit.Parameters.AddRange(ReadAudit.Parameters(_provider, _clock.GetCurrentInstant().ToDateTimeUtc(), actor, null, "MonitoringTask", null));
            await audit.ExecuteNonQueryAsync(cancellationToken);
        }

        var items = rows.Take(size).ToImmutableArray();
        return new Page<TaskView>(items, rows.Count > size ? $"{items[^1].DueDate:yyyy-MM-dd}:{items[^1].Id}" : null);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    // EF Core stores a DateOnly as 'yyyy-MM-dd' text on SQLite (compared as text) and as `date` on PostgreSQL.
    private object Day(DateOnly day) => _provider == StoreProvider.Sqlite ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : day;

    private void Add(DbCommand command, string name, object value) => command.Parameters.Add(ReadAudit.Parameter(_provider, name, value));
}
