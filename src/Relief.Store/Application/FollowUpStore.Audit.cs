using Microsoft.EntityFrameworkCore;
using Relief.Store.Direct;
using Relief.Store.Persistence;

namespace Relief.Store.Application;

public sealed partial class FollowUpStore
{
    /// <summary>Appends the audit event of a read (who read what, when; no clinical values): <see cref="ReadAudit"/>.</summary>
    internal async Task AuditReadAsync(StoreDbContext db, string actor, string? patientId, string entityType, string? entityId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(ReadAudit.Statement(_connection.Provider), ReadAudit.Parameters(_connection.Provider, Now, actor, patientId, entityType, entityId), cancellationToken);
}
