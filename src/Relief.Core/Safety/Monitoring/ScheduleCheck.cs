using NodaTime;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using Relief.Core.Safety.Courses;

namespace Relief.Core.Safety.Monitoring;

/// <summary>
/// Follow-up schedules with phases (knowledge-format-safety.md §8.2; BSR 2017: every 2 weeks to week 6, every 4 weeks to week 18,
/// then every 12 weeks). The clock starts at the course start, or restarts at the latest dose change. For
/// each test the next one is due an interval after the later of its last result and the clock start, and is
/// overdue once the grace period after that has passed. Only current medications are scheduled.
/// </summary>
internal static class ScheduleCheck
{
    public static IEnumerable<MonitoringFinding> Check(SafetyContext context, MonitoringProtocol protocol, MonitoringSchedule schedule, List<ResolvedMedication> medications)
    {
        var current = medications.Where(m => m.Fact.Use == MedicationUse.Current).ToList();
        LocalDate? clock = null;
        foreach (var medication in current)
        {
            var ingredient = MonitoringChecker.IngredientOf(protocol, medication);
            var start = schedule.Clock == ScheduleClock.SinceStart
                ? TreatmentCourses.CourseStart(context, medication, ingredient)
                : TreatmentCourses.DoseChangeClock(context, medication, ingredient);

            // With several drugs (a combination protocol) the latest start is when the combination began.
            if (start is { } s && (clock is null || s > clock))
            {
                clock = s;
            }
        }

        if (clock is not { } since || since > context.AsOf)
        {
            yield break;
        }

        var week = Period.DaysBetween(since, context.AsOf) / 7;
        var phase = schedule.PhaseAt(week);
        foreach (var test in schedule.TestIds)
        {
            var last = context.Observations.Results(test).FirstOrDefault();

            // A result from before the clock started does not make the next test due before it started.
            var basis = last?.Effective is { } date && date > since ? date : since;
            var due = basis.PlusWeeks(phase.EveryWeeks);
            if (context.AsOf <= due.PlusDays(schedule.GraceDays))
            {
                continue;
            }

            var name = MonitoringChecker.TestName(context, test);
            var lastText = last is null ? "no result on record" : $"last result {Date(last.Effective!.Value)}";
            yield return new MonitoringFinding
            {
                RuleId = $"{protocol.Id}/schedule/{test}",
                ProtocolId = protocol.Id,
                ProtocolName = protocol.Name,
                Kind = MonitoringFindingKind.Overdue,
                Action = null,
                TestIds = [test],
                Medications = [.. current.Select(m => FactReferences.Of(m.Fact))],
                Results = last is null ? [] : [FactReferences.Of(last, "last result")],
                Message = $"{name}: due {Date(due)}, {lastText}; every {phase.EveryWeeks} weeks (week {week} since the {(schedule.Clock == ScheduleClock.SinceStartOrDoseChange ? "start or last dose change" : "start")}, {Date(since)})",
                Sources = context.Cite(schedule.SourceIds),
                Codes = [.. current.SelectMany(SafetyContext.CodesOf), .. context.Rules.Tests.TryGetValue(test, out var t) ? t.Codes.Take(1) : []],
                LastResult = last?.Effective,
                IngredientIds = MonitoringChecker.IngredientsOf(protocol, current),
                DueDate = due,
                ReferenceDate = since,
                Note = schedule.GraceDays > 0 ? $"the {schedule.GraceDays}-day grace period is a local convention" : null,
                LocalConvention = schedule.GraceDays > 0,
            };
        }
    }

    private static string Date(LocalDate date) => FactReferences.Date(date);
}
