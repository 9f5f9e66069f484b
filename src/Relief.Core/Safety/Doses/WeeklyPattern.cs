using System.Text.RegularExpressions;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Doses;

/// <summary>
/// The once-weekly rule (knowledge-format-safety.md §7.2, methotrexate): more than one administration in 7 days is the known fatal
/// daily-instead-of-weekly error. Judged per order from the timing; without a timing, from the dosage text;
/// text that settles nothing gives the finding one severity lower, asking to confirm the weekly schedule.
/// </summary>
internal static partial class WeeklyPattern
{
    [GeneratedRegex(@"\bweek", RegexOptions.IgnoreCase)]
    private static partial Regex Weekly();

    [GeneratedRegex(@"\b(daily|day|days|bid|tid|qid|qd|od)\b|\bevery\b.*\b(hours?|hrs?|h|days?|mornings?|nights?|evenings?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MoreThanWeekly();

    public static IEnumerable<DoseFinding> Check(SafetyContext context, DoseRule rule)
    {
        foreach (var medication in context.Active)
        {
            var ingredients = medication.Ingredients.Select(i => i.DrugId).Where(rule.Ingredients.Contains).ToList();
            if (ingredients.Count == 0)
            {
                continue;
            }

            var (perWeek, severity, note, inputs) = Judge(medication.Fact, rule.Severity);
            if (severity is not { } fired)
            {
                continue;
            }

            var facts = new List<FactReference> { FactReferences.Of(medication.Fact) };

            // The order it replaced, so the clinician sees the weekly regimen beside the daily one.
            if (Previous(context, medication, ingredients[0]) is { } previous)
            {
                facts.Add(FactReferences.Of(previous.Fact, $"previous order ({FactReferences.UseRole(previous.Fact)})"));
            }

            yield return new DoseFinding
            {
                RuleId = rule.Id,
                Kind = rule.Kind,
                Severity = fired,
                IngredientIds = [.. ingredients],
                Computed = new ComputedValue("administrations-per-week", perWeek ?? 0, "/wk", perWeek is null ? "dosage text" : "timing", [.. inputs]),
                Limit = null,
                Facts = [.. facts],
                Context = [],
                Codes = [.. SafetyContext.CodesOf(medication)],
                Rationale = rule.Rationale,
                Action = rule.Action,
                Sources = context.Cite(rule.SourceIds),
                Notes = note is null ? [] : [note],
            };
        }
    }

    private static (decimal? PerWeek, DoseSeverity? Severity, string? Note, List<ComputedInput> Inputs) Judge(MedicationFact medication, DoseSeverity severity)
    {
        decimal perWeek = 0;
        var timed = false;
        var inputs = new List<ComputedInput>();
        foreach (var dosage in medication.Dosages)
        {
            var (perDay, _, text) = DailyDoseCalculator.AdministrationsPerDay(dosage);
            if (perDay is { } p)
            {
                timed = true;
                perWeek += p * 7;
                inputs.Add(new ComputedInput("timing", text, $"{medication.ResourceType}/{medication.ResourceId}"));
            }
        }

        if (timed)
        {
            perWeek = Math.Round(perWeek, 6);
            return perWeek > 1 ? (Math.Round(perWeek, 2), severity, null, inputs) : (perWeek, null, null, inputs);
        }

        var texts = string.Join(" ", medication.Dosages.Select(d => d.Text).OfType<string>());
        inputs.Add(new ComputedInput("dosage text", texts.Length == 0 ? "(none)" : texts, $"{medication.ResourceType}/{medication.ResourceId}"));
        if (Weekly().IsMatch(texts))
        {
            return (null, null, null, inputs);
        }

        return MoreThanWeekly().IsMatch(texts)
            ? (null, severity, "no timing; the dosage text gives more than one dose a week", inputs)
            : (null, severity.OneLower(), "no timing and the dosage text does not say weekly: confirm the weekly schedule", inputs);
    }

    // The order this one continues, when the course has an earlier one.
    private static ResolvedMedication? Previous(SafetyContext context, ResolvedMedication medication, string ingredientId) =>
        Courses.TreatmentCourses.CourseOrders(context, medication, ingredientId) is { Count: > 1 } course ? course[^2] : null;
}
