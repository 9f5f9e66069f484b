using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Relief.Store.Persistence;

namespace Relief.Benchmarks.Store;

/// <summary>
/// A synthetic follow-up store for the speed targets: N fibromyalgia patients on duloxetine for a year, each with
/// a daily diary over D days (pain random walk, fatigue, exertion) and two monitoring tasks, one in ten of them
/// overdue. Written with bulk inserts (SQLite: one prepared statement in one transaction; PostgreSQL: binary COPY),
/// not through the application layer, which would take hours for 7.3 million entries.
/// </summary>
public static class SyntheticStore
{
    public static readonly DateOnly AsOf = new(2026, 11, 21);

    public static string PatientId(int i) => $"synth-{i:D5}";

    public static async Task GenerateAsync(StoreConnection store, int patients, int days, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        await StoreMigrator.MigrateAsync(store);
        if (store.Provider == StoreProvider.Sqlite)
        {
            await SqliteAsync(store, patients, days);
        }
        else
        {
            await PostgresAsync(store, patients, days);
        }

        log.WriteLine($"{patients} patients x {days} days = {(long)patients * days:N0} diary entries in {clock.Elapsed.TotalSeconds:0.0} s ({store.Display})");
    }

    private static IEnumerable<(DateTime At, int Pain, int Fatigue, int Exertion)> Diary(int patient, int days)
    {
        var random = new Random(patient);
        var pain = 4 + random.Next(5);
        var start = AsOf.AddDays(-days).ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
        for (var d = 0; d < days; d++)
        {
            pain = Math.Clamp(pain + random.Next(-1, 2), 0, 10);
            yield return (start.AddDays(d), pain, Math.Clamp(pain + random.Next(-2, 3), 0, 10), random.Next(0, 11));
        }
    }

    private static async Task SqliteAsync(StoreConnection store, int patients, int days)
    {
        await using var connection = new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA synchronous=OFF;");
        for (var first = 0; first < patients; first += 500)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            var patient = Command(connection, transaction, "INSERT INTO patients (\"Id\",\"Name\",\"BirthDate\",\"Sex\",\"CreatedAt\",\"Version\") VALUES ($id,$name,$born,$sex,$now,1)", "$id", "$name", "$born", "$sex", "$now");
            var condition = Command(connection, transaction, "INSERT INTO conditions (\"PatientId\",\"Codes\",\"Text\",\"ClinicalStatus\",\"VerificationStatus\",\"RecordedAt\",\"RecordedBy\",\"Version\",\"Status\") VALUES ($id,'[\"http://snomed.info/sct|203082005\"]','Fibromyalgia','active','confirmed',$now,'synthetic',1,'current')", "$id", "$now");
            var course = Command(connection, transaction, "INSERT INTO courses (\"PatientId\",\"DrugCodes\",\"DrugName\",\"Use\",\"FhirStatus\",\"Start\",\"RecordedAt\",\"RecordedBy\",\"Version\",\"Status\") VALUES ($id,'[\"http://www.nlm.nih.gov/research/umls/rxnorm|72625\"]','duloxetine 60 mg','current','active',$start,$now,'synthetic',1,'current')", "$id", "$start", "$now");
            var diary = Command(connection, transaction, "INSERT INTO diary_entries (\"PatientId\",\"At\",\"Pain\",\"Fatigue\",\"Exertion\",\"BodySites\",\"PainQualities\",\"RecordedAt\",\"RecordedBy\",\"Version\",\"Status\") VALUES ($id,$at,$pain,$fatigue,$exertion,'[]','[]',$at,'synthetic',1,'current')", "$id", "$at", "$pain", "$fatigue", "$exertion");
            var task = Command(connection, transaction, "INSERT INTO monitoring_tasks (\"PatientId\",\"Key\",\"RuleId\",\"ProtocolId\",\"Kind\",\"TestIds\",\"DueDate\",\"State\",\"Severity\",\"Message\",\"DerivedAt\",\"Version\") VALUES ($id,$key,'synthetic','synthetic','overdue','[\"alt\"]',$due,'open','moderate','ALT overdue (synthetic)',$now,1)", "$id", "$key", "$due", "$now");
            var now = DateTime.UtcNow;
            for (var i = first; i < Math.Min(patients, first + 500); i++)
            {
                var id = PatientId(i);
                Run(patient, id, $"Synthetic {i}", new DateOnly(1960 + (i % 40), 1 + (i % 12), 1 + (i % 28)), i % 2 == 0 ? "female" : "male", now);
                Run(condition, id, now);
                Run(course, id, AsOf.AddDays(-365), now);
                foreach (var (at, pain, fatigue, exertion) in Diary(i, days))
                {
                    Run(diary, id, at, pain, fatigue, exertion);
                }

                Run(task, id, "alt-overdue", i % 10 == 0 ? AsOf.AddDays(-(i % 90) - 1) : AsOf.AddDays(30 + (i % 60)), now);
                Run(task, id, "creatinine-due", AsOf.AddDays(60 + (i % 30)), now);
            }

            await transaction.CommitAsync();
        }
    }

    private static async Task PostgresAsync(StoreConnection store, int patients, int days)
    {
        // COPY of millions of rows ends with index building: no command timeout.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(store.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        var now = DateTime.UtcNow;
        await using (var writer = await connection.BeginBinaryImportAsync("COPY patients (\"Id\",\"Name\",\"BirthDate\",\"Sex\",\"CreatedAt\",\"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < patients; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(PatientId(i));
                await writer.WriteAsync($"Synthetic {i}");
                await writer.WriteAsync(new DateOnly(1960 + (i % 40), 1 + (i % 12), 1 + (i % 28)), NpgsqlDbType.Date);
                await writer.WriteAsync(i % 2 == 0 ? "female" : "male");
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY conditions (\"PatientId\",\"Codes\",\"Text\",\"ClinicalStatus\",\"VerificationStatus\",\"RecordedAt\",\"RecordedBy\",\"Version\",\"Status\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < patients; i++)
            {
                await writer.WriteRowAsync(default, PatientId(i), new[] { "http://snomed.info/sct|203082005" }, "Fibromyalgia", "active", "confirmed", now, "synthetic", 1, "current");
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY courses (\"PatientId\",\"DrugCodes\",\"DrugName\",\"Use\",\"FhirStatus\",\"Start\",\"RecordedAt\",\"RecordedBy\",\"Version\",\"Status\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < patients; i++)
            {
                await writer.WriteRowAsync(default, PatientId(i), new[] { "http://www.nlm.nih.gov/research/umls/rxnorm|72625" }, "duloxetine 60 mg", "current", "active", AsOf.AddDays(-365), now, "synthetic", 1, "current");
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY diary_entries (\"PatientId\",\"At\",\"Pain\",\"Fatigue\",\"Exertion\",\"BodySites\",\"PainQualities\",\"RecordedAt\",\"RecordedBy\",\"Version\",\"Status\") FROM STDIN (FORMAT BINARY)"))
        {
            var empty = Array.Empty<string>();
            for (var i = 0; i < patients; i++)
            {
                var id = PatientId(i);
                foreach (var (at, pain, fatigue, exertion) in Diary(i, days))
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(id);
                    await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(pain);
                    await writer.WriteAsync(fatigue);
                    await writer.WriteAsync(exertion);
                    await writer.WriteAsync(empty, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await writer.WriteAsync(empty, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync("synthetic");
                    await writer.WriteAsync(1);
                    await writer.WriteAsync("current");
                }
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY monitoring_tasks (\"PatientId\",\"Key\",\"RuleId\",\"ProtocolId\",\"Kind\",\"TestIds\",\"DueDate\",\"State\",\"Severity\",\"Message\",\"DerivedAt\",\"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < patients; i++)
            {
                var due = i % 10 == 0 ? AsOf.AddDays(-(i % 90) - 1) : AsOf.AddDays(30 + (i % 60));
                await writer.WriteRowAsync(default, PatientId(i), "alt-overdue", "synthetic", "synthetic", "overdue", new[] { "alt" }, due, "open", "moderate", "ALT overdue (synthetic)", now, 1);
                await writer.WriteRowAsync(default, PatientId(i), "creatinine-due", "synthetic", "synthetic", "overdue", new[] { "creatinine" }, AsOf.AddDays(60 + (i % 30)), "open", "moderate", "creatinine due (synthetic)", now, 1);
            }

            await writer.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE;", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private static async Task Exec(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
