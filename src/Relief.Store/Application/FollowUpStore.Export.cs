using Relief.Store.Export;
using Relief.Store.Model;
using Relief.Store.Records;

namespace Relief.Store.Application;

public sealed partial class FollowUpStore
{
    /// <summary>The patient's stored history as a FHIR R4 collection Bundle (JSON).</summary>
    public async Task<StoreResult<string>> ExportPatientAsync(string patientId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        var history = await StoredHistory.LoadAsync(db, patientId, cancellationToken);
        if (history is null)
        {
            return StoreResult<string>.NotFound($"patient {patientId}");
        }

        var now = Now;
        db.AuditEvents.Add(new AuditEvent { At = now, Actor = actor, Action = "export", PatientId = patientId, EntityType = "Bundle" });
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<string>.Ok(new PatientExporter(FollowUp).Export(history, now));
    }
}
