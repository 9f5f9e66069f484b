using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Relief.Store.Direct;
using Relief.Store.Model;
using Relief.Store.Persistence;

namespace Relief.Store.Records;

/// <summary>
/// The diary part of an assessment's history (two years of daily entries are ~730 rows): a hand-written read on the
/// context's open connection of the four values the assessment uses, in time order. Profiling (docs/performance.md,
/// store4) put most of a stored assessment in materialising these rows; EF Core's shaper added a general
/// DateTime.Parse of every SQLite `At` text and a null check per column through its value buffer. Here SQLite's `At`
/// is parsed with its one fixed format (the text EF Core writes), and PostgreSQL's is read as the timestamp it is.
/// Equal to the EF Core projection it replaces (DiaryHistoryReaderTests, both databases).
/// </summary>
internal static class DiaryHistoryReader
{
    private const string Sql =
        "SELECT \"Id\", \"At\", \"Pain\", \"Fatigue\", \"Exertion\" FROM diary_entries " +
        "WHERE \"PatientId\" = @patient AND \"Status\" = 'current' ORDER BY \"At\", \"Id\"";

    // EF Core's SQLite provider writes a DateTime as "yyyy-MM-dd HH:mm:ss" plus up to seven fraction digits.
    private static readonly string[] SqliteFormats = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];

    public static async Task<List<DiaryEntry>> ReadAsync(StoreDbContext db, StoreProvider provider, string patientId, CancellationToken cancellationToken)
    {
        // EF Core counts opens: this keeps the caller's open connection (and closes only what it opened), and the
        // command joins the caller's transaction (a write re-deriving tasks reads its own uncommitted rows).
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ReadOpenAsync(db, provider, patientId, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<DiaryEntry>> ReadOpenAsync(StoreDbContext db, StoreProvider provider, string patientId, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = Sql;
        command.Parameters.Add(ReadAudit.Parameter(provider, "@patient", patientId));
        var sqlite = provider == StoreProvider.Sqlite;
        var rows = new List<DiaryEntry>(800);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DiaryEntry
            {
                Id = reader.GetInt64(0),
                PatientId = patientId,
                At = sqlite ? ParseSqlite(reader.GetString(1)) : reader.GetDateTime(1),
                Pain = Score(reader, 2),
                Fatigue = Score(reader, 3),
                Exertion = Score(reader, 4),
            });
        }

        return rows;
    }

    private static int? Score(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static DateTime ParseSqlite(string text) =>
        DateTime.ParseExact(text, SqliteFormats, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
