using Microsoft.EntityFrameworkCore;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Relief.Store.Model;
using Relief.Store.Persistence;

namespace Relief.Store.Tasks;

/// <summary>
/// Keeps a patient's monitoring tasks in step with the engine: each monitoring finding (missing baseline,
/// overdue test, threshold breached) is a task keyed by the finding's stable key, with the unified severity;
/// a task the engine no longer reports is closed (kept, with the time it closed). "Consider" findings are advice,
/// not tasks.
/// </summary>
internal sealed class TaskDeriver(FindingProjection projection)
{
    public async Task RefreshAsync(StoreDbContext db, string patientId, PatientAssessment assessment, DateTime now, CancellationToken cancellationToken)
    {
        var asOf = assessment.AsOf;
        var wanted = new Dictionary<string, MonitoringTask>(StringComparer.Ordinal);
        foreach (var finding in assessment.Monitoring.Where(m => m.Kind != MonitoringFindingKind.Consider))
        {
            var unified = projection.From(finding);
            var due = finding.Kind switch
            {
                MonitoringFindingKind.Overdue => finding.DueDate ?? asOf,
                MonitoringFindingKind.BaselineMissing => finding.ReferenceDate is { } r && r < asOf ? r : asOf,
                _ => asOf,
            };
            wanted[unified.Key] = new MonitoringTask
            {
                PatientId = patientId,
                Key = unified.Key.Length > 400 ? unified.Key[..400] : unified.Key,
                RuleId = finding.RuleId,
                ProtocolId = finding.ProtocolId,
                Kind = WireName.Of(finding.Kind),
                TestIds = [.. finding.TestIds],
                DueDate = new DateOnly(due.Year, due.Month, due.Day),
                Severity = WireName.Of(unified.Severity),
                Message = finding.Message,
                DerivedAt = now,
            };
        }

        var existing = await db.Tasks.Where(t => t.PatientId == patientId && t.State == "open").ToListAsync(cancellationToken);
        foreach (var task in existing)
        {
            if (wanted.Remove(task.Key, out var update))
            {
                if (task.DueDate != update.DueDate || task.Severity != update.Severity || task.Message != update.Message)
                {
                    task.DueDate = update.DueDate;
                    task.Severity = update.Severity;
                    task.Message = update.Message;
                    task.Version++;
                }

                task.DerivedAt = now;
            }
            else
            {
                task.State = "closed";
                task.ClosedAt = now;
                task.Version++;
            }
        }

        foreach (var task in wanted.Values)
        {
            var closed = await db.Tasks.FirstOrDefaultAsync(t => t.PatientId == patientId && t.Key == task.Key, cancellationToken);
            if (closed is not null)
            {
                // Reopened: the same finding is back (e.g. the next test fell due).
                closed.State = "open";
                closed.ClosedAt = null;
                closed.DueDate = task.DueDate;
                closed.Severity = task.Severity;
                closed.Message = task.Message;
                closed.DerivedAt = now;
                closed.Version++;
            }
            else
            {
                db.Tasks.Add(task);
            }
        }
    }
}
