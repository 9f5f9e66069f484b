using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Safety.Courses;

namespace Relief.Core.Safety.Response;

/// <summary>
/// How to stop a drug (knowledge-format-safety.md §10 items 4-5): every taper entry naming the ingredient, with the rate chosen by how
/// long it has been taken and, where the knowledge gives machine-readable criteria (corticosteroids), whether
/// gradual withdrawal is needed judged from the dose history.
/// </summary>
internal static class TaperAdvisor
{
    // Prednisolone equivalents per mg. docs/knowledge-format-safety.md §10 item 5: prednisone is 1:1 with prednisolone; other steroids need a
    // conversion table in drugs.yaml before they can be judged, so they get the text only.
    private static readonly ImmutableDictionary<(string Drug, string Reference), decimal> Equivalence =
        ImmutableDictionary<(string, string), decimal>.Empty.Add(("prednisone", "prednisolone"), 1m).Add(("prednisolone", "prednisolone"), 1m);

    public static ImmutableArray<TaperAdvice> For(SafetyContext context, ResolvedMedication medication, string ingredient)
    {
        var start = TreatmentCourses.CourseStart(context, medication, ingredient);
        int? daysOfUse = start is { } s && s <= context.AsOf ? Period.Between(s, context.AsOf, PeriodUnits.Days).Days : null;
        var advice = ImmutableArray.CreateBuilder<TaperAdvice>();
        foreach (var rule in context.Rules.Tapering.Where(t => t.Ingredients.Contains(ingredient)))
        {
            var rate = daysOfUse is { } days ? rule.Rates.FirstOrDefault(r => r.AppliesAfter(days)) : null;
            var (gradual, reasons) = rule.MachineReadable.IsEmpty ? (null, []) : Judge(context, rule, medication, ingredient);
            advice.Add(new TaperAdvice
            {
                RuleId = rule.Id,
                IngredientId = ingredient,
                Text = rule.Text,
                MinDays = rule.MinDays,
                Rate = rate,
                DaysOfUse = daysOfUse,
                GradualIfAny = rule.GradualIfAny,
                Gradual = gradual,
                Reasons = [.. reasons],
                Sources = context.Cite(rule.SourceIds),
            });
        }

        return advice.ToImmutable();
    }

    private static (GradualWithdrawal? Gradual, List<string> Reasons) Judge(SafetyContext context, TaperRule rule, ResolvedMedication medication, string ingredient)
    {
        var met = new List<string>();
        var unjudged = new List<string>();
        var course = TreatmentCourses.CourseOrders(context, medication, ingredient);
        if (course.Count == 0)
        {
            return (GradualWithdrawal.Unknown, ["the start of the course is not recorded"]);
        }

        foreach (var criterion in rule.MachineReadable)
        {
            switch (criterion.Rule)
            {
                case WithdrawalRule.MinCourseDays:
                    var courseDays = Period.Between(course[0].Fact.Start!.Value, End(context, course[^1]), PeriodUnits.Days).Days;
                    if (courseDays > criterion.DaysOver)
                    {
                        met.Add($"course of {courseDays} days, longer than {criterion.DaysOver} days");
                    }

                    break;
                case WithdrawalRule.MinDailyDoseAndDays:
                    if (!Equivalence.TryGetValue((ingredient, criterion.EquivalentOf!), out var ratio)
                        || !context.Rules.Units.TryConvert(criterion.Value!.Value, criterion.Unit!, "mg", null, out var limit))
                    {
                        unjudged.Add($"no {criterion.EquivalentOf} equivalence for {ingredient} in the knowledge base: judge the dose criterion from the text");
                        break;
                    }

                    foreach (var order in course)
                    {
                        var dose = context.Dose(order, ingredient);
                        if (dose.MgPerDay is not { } mg)
                        {
                            unjudged.Add($"daily dose of {order.Reference} not computable: {dose.Problem}");
                            continue;
                        }

                        var orderDays = Period.Between(order.Fact.Start!.Value, End(context, order), PeriodUnits.Days).Days;
                        if (mg * ratio > limit && orderDays > criterion.DaysOver)
                        {
                            met.Add($"{FactReferences.Format(mg * ratio)} mg/day {criterion.EquivalentOf}-equivalent for {orderDays} days ({order.Reference}), above {FactReferences.Format(limit)} mg for more than {criterion.DaysOver} days");
                        }
                    }

                    break;
            }
        }

        // One criterion met is enough; otherwise an unjudged criterion leaves the answer open.
        var gradual = met.Count > 0 ? GradualWithdrawal.Needed : unjudged.Count > 0 ? GradualWithdrawal.Unknown : GradualWithdrawal.NotNeeded;
        return (gradual, [.. met, .. unjudged]);
    }

    private static LocalDate End(SafetyContext context, ResolvedMedication order) =>
        order.Fact.End is { } end && end < context.AsOf ? end : context.AsOf;
}
