using Relief.Store.Model;
using Relief.Store.Persistence;

namespace Relief.Store.Application;

public sealed partial class FollowUpStore
{
    /// <summary>Appends the audit event of a read (who read what, when; no clinical values).</summary>
    private async Task AuditReadAsync(StoreDbContext db, string actor, string? patientId, string entityType, string? entityId, CancellationToken cancellationToken)
    {
        db.AuditEvents.Add(new AuditEvent { At = Now, Actor = actor, Action = "read", PatientId = patientId, EntityType = entityType, EntityId = entityId });
        await db.SaveChangesAsync(cancellationToken);
    }
}
