using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using Relief.Core.Safety.Courses;

namespace Relief.Core.Safety.Monitoring;

/// <summary>
/// Monitoring items answered by a Procedure (knowledge-format-safety.md §8.2a; AAO 2016: a baseline eye examination
/// within the first year of hydroxychloroquine, nothing due until year 5, then every year). Counted from the start
/// of the current course. A completed or in-progress Procedure whose code is in the item's set, dated from
/// <see cref="ProcedureScreen.BeforeStartDays"/> before the start up to asOf, answers it. At most one finding per
/// item: the earliest unmet due date (an unmet baseline outranks the annual screen it would also leave unmet).
/// Only current medications are checked: for a proposed one nothing is due yet.
/// </summary>
internal static class ProcedureScreenCheck
{
    public static IEnumerable<MonitoringFinding> Check(SafetyContext context, MonitoringProtocol protocol, List<ResolvedMedication> medications)
    {
        if (protocol.ProcedureScreens.IsEmpty)
        {
            yield break;
        }

        var current = medications.Where(m => m.Fact.Use == MedicationUse.Current).ToList();
        LocalDate? clock = null;
        foreach (var medication in current)
        {
            // With several drugs (a combination protocol) the latest start is when the combination began.
            if (TreatmentCourses.CourseStart(context, medication, MonitoringChecker.IngredientOf(protocol, medication)) is { } s && (clock is null || s > clock))
            {
                clock = s;
            }
        }

        if (clock is not { } start || start > context.AsOf)
        {
            yield break;
        }

        foreach (var screen in protocol.ProcedureScreens)
        {
            if (Overdue(context, screen, start) is { } overdue)
            {
                yield return Finding(context, protocol, screen, start, overdue, current);
            }
        }
    }

    private sealed record Due(LocalDate Date, ProcedureFact? Last, string Why);

    private static Due? Overdue(SafetyContext context, ProcedureScreen screen, LocalDate start)
    {
        var last = Latest(context, screen, start.PlusDays(-screen.BeforeStartDays));
        var week = Period.DaysBetween(start, context.AsOf) / 7;

        // A once phase that has ended is met by any examination since the start, even a late one.
        foreach (var phase in screen.Phases.Where(p => p.Kind == ScreenPhaseKind.Once && p.ToWeek <= week))
        {
            var due = start.PlusWeeks(phase.ToWeek!.Value);
            if (last is null && context.AsOf > due.PlusDays(screen.GraceDays))
            {
                return new Due(due, null, $"once by week {phase.ToWeek} after the start");
            }
        }

        var now = screen.PhaseAt(week);
        if (now.Kind != ScreenPhaseKind.Every)
        {
            return null;
        }

        // The first of a recurring phase is due when the phase begins, unless a recent examination pushes it later.
        var phaseStart = start.PlusWeeks(now.FromWeek);
        var next = last?.Performed is { } performed && performed.PlusWeeks(now.EveryWeeks!.Value) > phaseStart
            ? performed.PlusWeeks(now.EveryWeeks!.Value)
            : phaseStart;
        return context.AsOf > next.PlusDays(screen.GraceDays)
            ? new Due(next, last, $"every {now.EveryWeeks} weeks from week {now.FromWeek} after the start")
            : null;
    }

    /// <summary>The latest dated, completed or in-progress procedure in the item's code set, on or after <paramref name="from"/>.</summary>
    private static ProcedureFact? Latest(SafetyContext context, ProcedureScreen screen, LocalDate from)
    {
        ProcedureFact? latest = null;
        foreach (var procedure in context.Patient.Procedures)
        {
            if (procedure.Status is not ("completed" or "in-progress")
                || procedure.Performed is not { } performed
                || performed < from
                || performed > context.AsOf
                || !procedure.Concept.Codes.Any(screen.CodeSet.Contains))
            {
                continue;
            }

            if (latest is null || performed > latest.Performed!.Value
                || (performed == latest.Performed && string.CompareOrdinal(procedure.ResourceId, latest.ResourceId) < 0))
            {
                latest = procedure;
            }
        }

        return latest;
    }

    private static MonitoringFinding Finding(
        SafetyContext context, MonitoringProtocol protocol, ProcedureScreen screen, LocalDate start, Due due, List<ResolvedMedication> current)
    {
        var lastText = due.Last is { Performed: { } date } ? $"last on {FactReferences.Date(date)}" : "none on record since the start";
        var notes = new List<string>();
        if (screen.Note is { } note)
        {
            notes.Add(note);
        }

        if (screen.LocalConvention)
        {
            notes.Add($"the {screen.GraceDays}-day grace period and the {screen.BeforeStartDays}-day window before the start are local conventions");
        }

        return new MonitoringFinding
        {
            RuleId = $"{protocol.Id}/procedure/{screen.Id}",
            ProtocolId = protocol.Id,
            ProtocolName = protocol.Name,
            Kind = MonitoringFindingKind.Overdue,
            Action = null,
            TestIds = [screen.Id],
            Medications = [.. current.Select(m => FactReferences.Of(m.Fact))],
            Results = due.Last is { } last ? [new FactReference("Procedure", last.ResourceId, last.Concept.ToString(), last.Performed) { Role = "last examination" }] : [],
            Message = $"{screen.Name}: due {FactReferences.Date(due.Date)} ({due.Why}, started {FactReferences.Date(start)}), {lastText}",
            Sources = context.Cite(screen.SourceIds),
            Codes = [.. current.SelectMany(SafetyContext.CodesOf), .. screen.Codes.Take(1)],
            LastResult = due.Last?.Performed,
            IngredientIds = MonitoringChecker.IngredientsOf(protocol, current),
            DueDate = due.Date,
            ReferenceDate = start,
            Note = notes.Count == 0 ? null : string.Join("; ", notes),
            LocalConvention = screen.LocalConvention,
        };
    }
}
