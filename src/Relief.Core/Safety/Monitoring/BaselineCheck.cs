using NodaTime;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using Relief.Core.Safety.Courses;
using Relief.Core.Safety.Factors;

namespace Relief.Core.Safety.Monitoring;

/// <summary>
/// Baselines (knowledge-format-safety.md §8.2): the tests a drug needs before it starts. The reference date is today for a proposed
/// order and the course start for a current one (the order's own start for "before each course" items, since
/// every course, e.g. each rituximab cycle, needs its own). A current order without a start is not checked.
/// </summary>
internal static class BaselineCheck
{
    public static IEnumerable<MonitoringFinding> Check(SafetyContext context, MonitoringProtocol protocol, List<ResolvedMedication> medications)
    {
        var seen = new HashSet<(int Item, LocalDate Reference)>();
        foreach (var medication in medications)
        {
            if (medication.Fact.Use is not (MedicationUse.Current or MedicationUse.Proposed))
            {
                continue;
            }

            // A course begun long ago is past the point where a baseline can be drawn; its follow-up schedule
            // applies instead. The order's own start bounds the course start from above, so this skips the
            // course lookup (which reads the medication history) for old orders.
            var reportDays = context.Rules.Conventions.BaselineReportDays;
            if (medication.Fact.Use == MedicationUse.Current
                && (medication.Fact.Start is not { } orderStart || orderStart < context.AsOf.PlusDays(-reportDays)))
            {
                continue;
            }

            var ingredient = MonitoringChecker.IngredientOf(protocol, medication);
            foreach (var item in protocol.Baseline)
            {
                LocalDate? reference = medication.Fact.Use == MedicationUse.Proposed
                    ? context.AsOf
                    : item.BeforeEachCourse ? medication.Fact.Start : TreatmentCourses.CourseStart(context, medication, ingredient);
                if (reference is not { } day || !seen.Add((item.Index, day)))
                {
                    continue;
                }

                if (medication.Fact.Use == MedicationUse.Current && day < context.AsOf.PlusDays(-reportDays))
                {
                    continue;
                }

                LocalDate? from = item.WithinDays is { } within ? day.PlusDays(-within) : null;
                var to = day.PlusDays(item.AfterStartDays);
                var unreadable = new List<string>();
                var found = item.TestIds.Where(t => Found(context, t, from, to, unreadable)).ToList();
                var satisfied = item.AnyOf ? found.Count > 0 : found.Count == item.TestIds.Length;
                if (satisfied || (item.AlternativeFactorId is { } alternative && context.Factor(alternative).Holds))
                {
                    continue;
                }

                var missing = item.AnyOf ? item.TestIds : [.. item.TestIds.Except(found)];
                var names = string.Join(item.AnyOf ? " or " : ", ", missing.Select(t => MonitoringChecker.TestName(context, t)));
                var window = from is { } start
                    ? $"between {Date(start)} and {Date(to)}"
                    : $"on or before {Date(to)}";
                var when = medication.Fact.Use == MedicationUse.Proposed ? "before starting" : $"for the start on {Date(day)}";
                yield return new MonitoringFinding
                {
                    RuleId = $"{protocol.Id}/baseline-{item.Index}",
                    ProtocolId = protocol.Id,
                    ProtocolName = protocol.Name,
                    Kind = item.Level == BaselineLevel.Required ? MonitoringFindingKind.BaselineMissing : MonitoringFindingKind.Consider,
                    Action = null,
                    TestIds = [.. missing],
                    Medications = [FactReferences.Of(medication.Fact)],
                    Results = [],
                    Message = $"No {names} result {window} ({when} {medication.Fact.Medication}){(item.BeforeEachCourse ? "; needed before each course" : "")}",
                    Sources = context.Cite(item.SourceIds),
                    Codes = [.. SafetyContext.CodesOf(medication), .. missing.SelectMany(t => context.Rules.Tests.TryGetValue(t, out var test) ? test.Codes.Take(1) : [])],
                    ReferenceDate = day,
                    IngredientIds = [ingredient],
                    Note = unreadable.Count == 0 ? item.Note : string.Join("; ", unreadable.Prepend(item.Note ?? "").Where(n => n.Length > 0)),
                    LocalConvention = protocol.BaselineConvention,
                };
            }
        }
    }

    private static string Date(LocalDate date) => FactReferences.Date(date);

    /// <summary>
    /// A usable result in the window; for a test read as a phenotype (TPMT), only a result that can be read: an
    /// unreadable one does not make the patient "tested", and a data-quality note says why.
    /// </summary>
    private static bool Found(SafetyContext context, string testId, LocalDate? from, LocalDate? to, List<string> unreadable)
    {
        if (!context.Rules.Tests.TryGetValue(testId, out var test) || test.Phenotype is not { } reading)
        {
            return context.Observations.LatestBetween(testId, from, to) is not null;
        }

        foreach (var result in context.Observations.Results(testId))
        {
            var date = result.Effective!.Value;
            if ((to is { } end && date > end) || (from is { } start && date < start))
            {
                continue;
            }

            if (PhenotypeReader.Read(result, reading) is not null)
            {
                return true;
            }

            unreadable.Add($"the {test.Name} result of {Date(date)} could not be read as a phenotype and does not count as tested");
            context.Quality.Add(
                DataQualityKind.PhenotypeUnreadable,
                $"{test.Name} result of {Date(date)} could not be read as a phenotype: it does not count as tested",
                FactReferences.Of(result).Reference,
                testId);
        }

        return false;
    }
}
