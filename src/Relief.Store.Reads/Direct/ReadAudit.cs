using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Relief.Store.Persistence;

namespace Relief.Store.Direct;

/// <summary>
/// The audit row of a read (who read what, when; no clinical values), one statement for EF Core and ADO.NET alike.
/// The row is committed before the read returns (a killed process loses nothing), but the commit does not wait for
/// the disk flush: SQLite in WAL mode with synchronous=NORMAL for this statement only, PostgreSQL with
/// synchronous_commit off for this transaction only. Only a power or OS failure in the next moment can lose read
/// events; writes keep full durability. Waiting for that flush was most of the time of a read.
/// </summary>
public static class ReadAudit
{
    public const string Sqlite =
        "PRAGMA synchronous=NORMAL; " +
        "INSERT INTO audit_events (\"At\", \"Actor\", \"Action\", \"PatientId\", \"EntityType\", \"EntityId\") VALUES (@at, @actor, 'read', @patient, @type, @entity); " +
        "PRAGMA synchronous=FULL;";

    public const string Postgres =
        "BEGIN; SET LOCAL synchronous_commit TO OFF; " +
        "INSERT INTO audit_events (\"At\", \"Actor\", \"Action\", \"PatientId\", \"EntityType\", \"EntityId\") VALUES (@at, @actor, 'read', @patient, @type, @entity); " +
        "COMMIT;";

    public static string Statement(StoreProvider provider) => provider == StoreProvider.Sqlite ? Sqlite : Postgres;

    /// <summary>The statement's parameters, in the provider's own parameter type.</summary>
    public static DbParameter[] Parameters(StoreProvider provider, DateTime at, string actor, string? patientId, string entityType, string? entityId) =>
    [
        Parameter(provider, "@at", at),
        Parameter(provider, "@actor", actor),
        Parameter(provider, "@patient", patientId),
        Parameter(provider, "@type", entityType),
        Parameter(provider, "@entity", entityId),
    ];

    public static DbParameter Parameter(StoreProvider provider, string name, object? value)
    {
        DbParameter parameter = provider == StoreProvider.Sqlite ? new SqliteParameter() : new NpgsqlParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }
}
