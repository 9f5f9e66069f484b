using System.Globalization;
using NodaTime;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Reports.Timeline;
using Relief.Store.Application;

namespace Relief.Reports.VisitSummary;

/// <summary>Builds a <see cref="VisitSummary"/> from the follow-up store's application layer (every read audited there).</summary>
public sealed class VisitSummaryBuilder(FollowUpStore store)
{
    /// <summary>Without a previous visit date, "what changed" covers this many days (a common follow-up interval; a local convention).</summary>
    public const int DefaultSinceDays = 90;

    public async Task<StoreResult<VisitSummary>> BuildAsync(string patientId, LocalDate asOf, LocalDate? since, string actor, CancellationToken cancellationToken = default)
    {
        var overview = await store.GetPatientAsync(patientId, actor, recentDiary: 500, cancellationToken);
        if (!overview.Succeeded)
        {
            return new StoreResult<VisitSummary> { Outcome = overview.Outcome, Errors = overview.Errors };
        }

        var assessed = await store.AssessAsync(patientId, asOf, actor, cancellationToken);
        if (!assessed.Succeeded)
        {
            return new StoreResult<VisitSummary> { Outcome = assessed.Outcome, Errors = assessed.Errors };
        }

        var o = overview.Value!;
        var stored = assessed.Value!;
        var from = since ?? asOf.PlusDays(-DefaultSinceDays);
        var record = stored.Record;
        var scores = record is null ? [] : PatientTimeline.Scores(record, store.Knowledge);
        var tasks = await store.DueTasksAsync(asOf, new PageRequest(PageRequest.MaxSize) { OnlyPatients = [patientId] }, actor, cancellationToken);

        return StoreResult<VisitSummary>.Ok(new VisitSummary
        {
            PatientId = o.Patient.Id,
            Name = o.Patient.Name,
            BirthDate = o.Patient.BirthDate,
            AsOf = asOf,
            Since = from,
            KnowledgeVersion = stored.Assessment.KnowledgeVersion,
            Conditions = [.. stored.Assessment.Conditions.Select(c => c.Name)],
            Changes = [.. Changes(o, from), .. ScoreChanges(scores, from)],
            Scores = scores,
            Medicines = [.. o.Courses.Where(c => c.Stop is null || c.Stop >= from.ToDateOnly())],
            SideEffects = [.. o.AdverseEvents.OrderByDescending(e => e.Onset)],
            Goals = [.. o.Goals],
            OpenFindings = [.. stored.Assessment.Findings.Where(f => !f.Unchecked && f.Severity >= Severity.Moderate && f.Family != FindingFamily.Response)],
            OverdueTasks = [.. tasks.Items.Where(t => t.PatientId == patientId)],
            Response = [.. stored.Assessment.Findings.Where(f => f.Family == FindingFamily.Response)],
            Pacing = [.. stored.Pacing.Select(p => $"{p.Text} ({p.Source.Label})")],
        });
    }

    /// <summary>Each instrument's latest score since the last visit against the last one before it.</summary>
    private static IEnumerable<string> ScoreChanges(IReadOnlyList<TimeSeriesChart> scores, LocalDate since)
    {
        foreach (var chart in scores)
        {
            var before = chart.Points.LastOrDefault(p => p.Date <= since);
            var after = chart.Points.LastOrDefault(p => p.Date > since);
            if (after is not null)
            {
                yield return before is null
                    ? $"{chart.Title}: {after.Value} on {after.Date:yyyy-MM-dd}"
                    : $"{chart.Title}: {before.Value} ({before.Date:yyyy-MM-dd}) to {after.Value} ({after.Date:yyyy-MM-dd})";
            }
        }
    }

    private static List<string> Changes(PatientOverview o, LocalDate since)
    {
        var day = since.ToDateOnly();
        var changes = new List<string>();
        foreach (var c in o.Courses)
        {
            if (c.Start is { } start && start > day)
            {
                changes.Add($"Started {c.DrugName}{(c.CurrentDose is { } dose ? $" ({dose})" : "")} on {start:yyyy-MM-dd}");
            }

            if (c.Stop is { } stop && stop > day)
            {
                changes.Add($"Stopped {c.DrugName} on {stop:yyyy-MM-dd}{(c.StopReason is { } why ? $": {why}" : "")}");
            }
        }

        changes.AddRange(o.AdverseEvents.Where(e => e.Onset > day).Select(e => $"Side effect from {e.Onset:yyyy-MM-dd}: {e.Description} ({e.Severity})"));
        changes.AddRange(o.RecentLabs.Where(l => l.Effective > day && l.Value is not null)
            .Select(l => $"Lab {l.Display ?? l.Code} {l.Value!.Value.ToString("0.##", CultureInfo.InvariantCulture)} {l.Unit} on {l.Effective:yyyy-MM-dd}"));
        changes.AddRange(o.PemEpisodes.Where(p => DateOnly.FromDateTime(p.StartedAt) > day).Select(p => $"PEM crash on {p.StartedAt:yyyy-MM-dd}, severity {p.Severity}/10"));

        var before = o.RecentDiary.Where(e => e.Pain is not null && DateOnly.FromDateTime(e.At) <= day).Select(e => (decimal)e.Pain!.Value).ToList();
        var after = o.RecentDiary.Where(e => e.Pain is not null && DateOnly.FromDateTime(e.At) > day).Select(e => (decimal)e.Pain!.Value).ToList();
        if (after.Count > 0)
        {
            var text = $"Diary: {after.Count} pain rating(s) since {since:yyyy-MM-dd}, mean {after.Average().ToString("0.0", CultureInfo.InvariantCulture)}/10";
            changes.Add(before.Count > 0 ? $"{text} (before: mean {before.Average().ToString("0.0", CultureInfo.InvariantCulture)}/10 over {before.Count})" : text);
        }

        return changes;
    }
}
