using System.Collections.Immutable;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Relief.Store.Model;
using Relief.Store.Persistence;

namespace Relief.Store.Application;

/// <summary>The kinds of entry whose amendment trail the API and CLI read (the names the trail stores).</summary>
public enum HistoryKind
{
    DiaryEntry,
    TreatmentCourse,
    PatientGoal,
}

/// <summary>An entry's amendment trail with its patient (for the caller's access check) and current version.</summary>
public sealed record EntryHistory(string PatientId, string EntityType, long EntityId, int CurrentVersion, ImmutableArray<AmendmentView> Amendments);

public sealed partial class FollowUpStore
{
    /// <summary>Every earlier version of one entry (who changed what, when and why), oldest first; the read is audited.</summary>
    public async Task<StoreResult<EntryHistory>> EntryHistoryAsync(HistoryKind kind, long entityId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        var owner = kind switch
        {
            HistoryKind.DiaryEntry => await OwnerAsync(db.DiaryEntries, entityId, cancellationToken),
            HistoryKind.TreatmentCourse => await OwnerAsync(db.Courses, entityId, cancellationToken),
            _ => await OwnerAsync(db.Goals, entityId, cancellationToken),
        };
        if (owner is null)
        {
            return StoreResult<EntryHistory>.NotFound($"{Describe(kind)} {entityId}");
        }

        var type = kind.ToString();
        var rows = await db.Amendments.AsNoTracking().Where(a => a.EntityType == type && a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        await AuditReadAsync(db, actor, owner.Value.PatientId, $"{type}History", entityId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return StoreResult<EntryHistory>.Ok(new EntryHistory(
            owner.Value.PatientId,
            type,
            entityId,
            owner.Value.Version,
            [.. rows.Select(View)]));
    }

    public static string Describe(HistoryKind kind) => kind switch
    {
        HistoryKind.DiaryEntry => "diary entry",
        HistoryKind.TreatmentCourse => "course",
        _ => "goal",
    };

    private static async Task<(string PatientId, int Version)?> OwnerAsync<T>(DbSet<T> set, long id, CancellationToken cancellationToken)
        where T : StoredEntry
    {
        var row = await set.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.PatientId, e.Version }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.PatientId, row.Version);
    }
}
