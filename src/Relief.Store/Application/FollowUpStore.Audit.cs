using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Relief.Store.Persistence;

namespace Relief.Store.Application;

public sealed partial class FollowUpStore
{
    // One statement, one round trip, no change tracking. The row is committed before the read returns (a killed
    // process loses nothing), but the commit does not wait for the disk flush: SQLite in WAL mode with
    // synchronous=NORMAL for this statement only, PostgreSQL with synchronous_commit off for this transaction
    // only. Only a power or OS failure in the next moment can lose read events; writes keep full durability.
    // Waiting for that flush was most of the time of a read (an assessment: ~25 of ~45 ms on a busy machine).
    private const string SqliteReadAudit =
        "PRAGMA synchronous=NORMAL; " +
        "INSERT INTO audit_events (\"At\", \"Actor\", \"Action\", \"PatientId\", \"EntityType\", \"EntityId\") VALUES (@at, @actor, 'read', @patient, @type, @entity); " +
        "PRAGMA synchronous=FULL;";

    private const string PostgresReadAudit =
        "BEGIN; SET LOCAL synchronous_commit TO OFF; " +
        "INSERT INTO audit_events (\"At\", \"Actor\", \"Action\", \"PatientId\", \"EntityType\", \"EntityId\") VALUES (@at, @actor, 'read', @patient, @type, @entity); " +
        "COMMIT;";

    /// <summary>Appends the audit event of a read (who read what, when; no clinical values).</summary>
    private async Task AuditReadAsync(StoreDbContext db, string actor, string? patientId, string entityType, string? entityId, CancellationToken cancellationToken)
    {
        var sql = _connection.Provider == StoreProvider.Sqlite ? SqliteReadAudit : PostgresReadAudit;
        await db.Database.ExecuteSqlRawAsync(sql, [Parameter("@at", Now), Parameter("@actor", actor), Parameter("@patient", patientId), Parameter("@type", entityType), Parameter("@entity", entityId)], cancellationToken);
    }

    private DbParameter Parameter(string name, object? value)
    {
        DbParameter parameter = _connection.Provider == StoreProvider.Sqlite ? new SqliteParameter() : new NpgsqlParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }
}
