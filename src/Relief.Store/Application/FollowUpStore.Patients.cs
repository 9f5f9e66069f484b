using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Relief.Store.Assessment;
using Relief.Store.Model;
using Relief.Store.Records;

namespace Relief.Store.Application;

public sealed partial class FollowUpStore
{
    /// <summary>What the store holds for one patient: conditions, courses with adherence, recent diary, crashes, events, labs, open tasks.</summary>
    public async Task<StoreResult<PatientOverview>> GetPatientAsync(string patientId, string actor, int recentDiary = 10, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        var history = await StoredHistory.LoadAsync(db, patientId, cancellationToken);
        if (history is null)
        {
            return StoreResult<PatientOverview>.NotFound($"patient {patientId}");
        }

        var adherence = await db.Adherence.AsNoTracking().Where(a => a.PatientId == patientId && a.Status == EntryStatus.Current)
            .GroupBy(a => new { a.CourseId, a.Adherence }).Select(g => new { g.Key.CourseId, g.Key.Adherence, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.PatientId == patientId && t.State == "open").OrderBy(t => t.DueDate).ToListAsync(cancellationToken);
        await AuditReadAsync(db, actor, patientId, nameof(StoredPatient), patientId, cancellationToken);

        var lastDiary = history.Diary.Count > 0 ? history.Diary[^1].At : (DateTime?)null;
        var openTasks = tasks.Select(TaskView).ToImmutableArray();
        var summary = new PatientSummary
        {
            Id = history.Patient.Id,
            Name = history.Patient.Name,
            BirthDate = history.Patient.BirthDate,
            Sex = history.Patient.Sex,
            Version = history.Patient.Version,
            OpenTasks = openTasks.Length,
            LastDiaryEntry = lastDiary,
        };
        var courses = history.Courses
            .OrderByDescending(c => c.Use == "current").ThenByDescending(c => c.Start)
            .Select(c => View(c) with
            {
                Adherence = adherence.Any(a => a.CourseId == c.Id)
                    ? new AdherenceSummary(
                        adherence.Where(a => a.CourseId == c.Id && a.Adherence == Adherence.Taken).Sum(a => a.Count),
                        adherence.Where(a => a.CourseId == c.Id && a.Adherence == Adherence.Partly).Sum(a => a.Count),
                        adherence.Where(a => a.CourseId == c.Id && a.Adherence == Adherence.Missed).Sum(a => a.Count))
                    : null,
            })
            .ToImmutableArray();
        var pacing = FollowUp.Pacing;
        return StoreResult<PatientOverview>.Ok(new PatientOverview
        {
            Patient = summary,
            Conditions = [.. history.Conditions.Where(c => c.ClinicalStatus is "active" or "recurrence" or "relapse" or "unknown").Select(c => c.Text ?? c.Codes.FirstOrDefault() ?? "(uncoded)").Distinct().Order()],
            Courses = courses,
            RecentDiary = [.. history.Diary.AsEnumerable().Reverse().Take(recentDiary).Select(View)],
            PemEpisodes = [.. history.PemEpisodes.Select(p => new PemEpisodeView(p.Id, p.StartedAt, p.EndedAt, p.Severity,
                [.. PacingAdvisor.PriorExertion(p, history.Diary, pacing).Select(e => new ExertionView(e.DiaryEntryId, e.At, e.Exertion))], p.Version))],
            AdverseEvents = [.. history.AdverseEvents.OrderByDescending(e => e.Onset).Select(e => new AdverseEventView(e.Id, e.Onset, e.Description, e.Severity, e.SuspectedDrugName, e.Version))],
            RecentLabs = [.. history.Labs.OrderByDescending(l => l.Effective).Take(20).Select(l => new LabResultView
            {
                Id = l.Id,
                Code = l.Codes.FirstOrDefault() ?? "",
                Display = l.Display,
                Value = l.Value,
                Unit = l.Unit,
                Effective = l.Effective,
                Version = l.Version,
            })],
            OpenTasks = openTasks,
            DiaryEntryCount = history.Diary.Count,
            MeasurementCount = history.Measurements.Count,
            Goals = OrderGoals(history.Goals),
        });
    }

    /// <summary>
    /// Open monitoring tasks due on or before <paramref name="asOf"/> across all patients, most overdue first,
    /// a page at a time (cursor: the last task id; order is due date then id).
    /// </summary>
    public async Task<Page<TaskView>> DueTasksAsync(LocalDate asOf, PageRequest page, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        var size = page.ClampedSize;
        var day = new DateOnly(asOf.Year, asOf.Month, asOf.Day);
        var query = db.Tasks.AsNoTracking().Where(t => t.State == "open" && t.DueDate <= day);
        if (page.OnlyPatients is { } only)
        {
            var ids = only.ToList();
            query = query.Where(t => ids.Contains(t.PatientId));
        }

        if (page.After is { } after && after.Split(':') is [var dueText, var idText]
            && DateOnly.TryParse(dueText, System.Globalization.CultureInfo.InvariantCulture, out var afterDue) && long.TryParse(idText, out var afterId))
        {
            query = query.Where(t => t.DueDate > afterDue || (t.DueDate == afterDue && t.Id > afterId));
        }

        var rows = await query.OrderBy(t => t.DueDate).ThenBy(t => t.Id).Take(size + 1).ToListAsync(cancellationToken);
        await AuditReadAsync(db, actor, null, nameof(MonitoringTask), null, cancellationToken);
        var items = rows.Take(size).Select(TaskView).ToImmutableArray();
        return new Page<TaskView>(items, rows.Count > size ? $"{items[^1].DueDate:yyyy-MM-dd}:{items[^1].Id}" : null);
    }

    private static TaskView TaskView(MonitoringTask t) => new()
    {
        Id = t.Id,
        PatientId = t.PatientId,
        Kind = t.Kind,
        RuleId = t.RuleId,
        TestIds = [.. t.TestIds],
        DueDate = t.DueDate,
        Severity = t.Severity,
        Message = t.Message,
        State = t.State,
        Version = t.Version,
    };
}
