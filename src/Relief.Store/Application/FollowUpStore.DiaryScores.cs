using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using Relief.Store.Model;

namespace Relief.Store.Application;

public sealed partial class FollowUpStore
{
    /// <summary>
    /// The current instrument answers (questionnaire scores) recorded with the given diary entries of one patient,
    /// by entry id; entries without any are absent. The diary list (<see cref="DiaryAsync"/>) leaves them out to
    /// stay one query; a page that shows a few entries with their scores asks for them here, in one more query.
    /// Like every read, it is audited (the patient's measurements, read by <paramref name="actor"/>).
    /// </summary>
    public async Task<ImmutableDictionary<long, ImmutableArray<MeasurementView>>> DiaryScoresAsync(string patientId, IReadOnlyCollection<long> entryIds, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryIds);
        if (entryIds.Count == 0)
        {
            return ImmutableDictionary<long, ImmutableArray<MeasurementView>>.Empty;
        }

        await using var db = NewContext();
        var ids = entryIds.Select(id => (long?)id).ToList();
        // Found by entry id (the DiaryEntryId index: a few rows per listed entry, however long the diary); the
        // patient is checked on those rows rather than in SQL, where SQLite's planner, without statistics, would
        // prefer the patient index and read every measurement of a two-year diary.
        var rows = (await db.Measurements.AsNoTracking()
            .Where(m => ids.Contains(m.DiaryEntryId) && m.Status == EntryStatus.Current)
            .OrderBy(m => m.Id)
            .ToListAsync(cancellationToken))
            .Where(m => m.PatientId == patientId)
            .ToList();
        await AuditReadAsync(db, actor, patientId, nameof(OutcomeMeasurement), null, cancellationToken);
        return rows.GroupBy(m => m.DiaryEntryId!.Value).ToImmutableDictionary(g => g.Key, g => g.Select(View).ToImmutableArray());
    }
}
