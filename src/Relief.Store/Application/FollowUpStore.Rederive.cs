using Microsoft.EntityFrameworkCore;

namespace Relief.Store.Application;

/// <summary>What a re-derivation of every patient's tasks did.</summary>
public sealed record RederivationReport(int Patients, int Failed, DateTime At);

public sealed partial class FollowUpStore
{
    /// <summary>
    /// Re-derives every patient's monitoring tasks as of today (the store's clock), one transaction per patient, a
    /// page of ids at a time: a follow-up test falls due with the date alone, with no write to the patient's
    /// record, so this runs on a schedule (<c>relief serve</c> does it nightly). A patient whose re-derivation
    /// fails is counted and skipped; the others still run.
    /// </summary>
    public async Task<RederivationReport> RederiveAllTasksAsync(CancellationToken cancellationToken = default)
    {
        var at = Now;
        int patients = 0, failed = 0;
        string? after = null;
        while (true)
        {
            List<string> ids;
            await using (var db = NewContext())
            {
                var query = db.Patients.AsNoTracking();
                if (after is not null)
                {
                    query = query.Where(p => string.Compare(p.Id, after) > 0);
                }

                ids = await query.OrderBy(p => p.Id).Select(p => p.Id).Take(500).ToListAsync(cancellationToken);
            }

            if (ids.Count == 0)
            {
                return new RederivationReport(patients, failed, at);
            }

            foreach (var id in ids)
            {
                try
                {
                    await using var db = NewContext();
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    await RefreshTasksAsync(db, id, Now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    patients++;
                }
                catch (DbUpdateException)
                {
                    // A concurrent write re-derived this patient's tasks first (unique task key): theirs stand.
                    failed++;
                }
            }

            after = ids[^1];
        }
    }
}
