using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Safety.Doses;

/// <summary>
/// Dose rule kinds added by the clinical audit (knowledge-format-safety.md §7.3): a daily maximum per kg of real body weight
/// (hydroxychloroquine, AAO 2016), a weekly maximum (methotrexate) and a companion drug that should be taken with the
/// drug (folic acid with methotrexate). A weight that is not recorded is said in the finding, never passed silently.
/// </summary>
internal static class WeightWeeklyAndCompanionChecks
{
    public static IEnumerable<DoseFinding> PerKg(SafetyContext context, DoseRule rule)
    {
        foreach (var ingredient in rule.Ingredients.Where(context.HasActive).Order(StringComparer.Ordinal))
        {
            var dose = context.DailyDose(ingredient);
            if (!DoseChecker.Computable(context, rule, dose) || !DoseChecker.LimitMg(context, rule.MaxDaily!, out var mgPerKg) || mgPerKg <= 0)
            {
                continue;
            }

            var daily = dose.MgPerDay!.Value;
            var facts = dose.Parts.Select(p => FactReferences.Of(p.Medication.Fact)).ToList();
            var codes = dose.Parts.SelectMany(p => SafetyContext.CodesOf(p.Medication)).ToList();
            var weight = context.Observations.Latest("body-weight", context.AsOf, context.Rules.Conventions.KidneyWeightWithinDays);
            if (weight is null || !context.TryValue(weight, "body-weight", "kg", rule.Id, out var kg) || kg <= 0)
            {
                // Unknown weight: say the weight the dose needs, at the family's lowest severity.
                var needed = Math.Ceiling(daily / mgPerKg);
                yield return new DoseFinding
                {
                    RuleId = rule.Id,
                    Kind = rule.Kind,
                    Severity = DoseSeverity.Moderate,
                    IngredientIds = [ingredient],
                    Computed = dose.ToComputed(),
                    Limit = null,
                    Facts = [.. facts],
                    Context = [],
                    Codes = [.. codes],
                    Rationale = rule.Rationale,
                    Action = rule.Action,
                    Sources = context.Cite(rule.SourceIds),
                    Notes = [$"body weight not recorded in the last {context.Rules.Conventions.KidneyWeightWithinDays} days: {Format(daily)} mg/day is within {rule.MaxDaily} per kg per day only at {Format(needed)} kg or more; record the weight"],
                };
                continue;
            }

            var limit = mgPerKg * kg;
            if (daily <= limit)
            {
                continue;
            }

            var perKg = new ComputedValue(
                "dose-per-kg", Math.Round(daily / kg, 2), "mg/kg/day", "daily dose / real body weight",
                [new ComputedInput("daily dose", $"{Format(daily)} mg/day"), new ComputedInput("body weight", $"{Format(kg)} kg on {FactReferences.Date(weight.Effective)}", FactReferences.Of(weight).Reference)]);
            yield return new DoseFinding
            {
                RuleId = rule.Id,
                Kind = rule.Kind,
                Severity = rule.Severity,
                IngredientIds = [ingredient],
                Computed = dose.ToComputed(),
                Limit = new Quantity(Math.Round(limit, 1), "mg"),
                Facts = [.. facts, FactReferences.Of(weight, "body weight")],
                Context = [perKg],
                Codes = [.. codes],
                Rationale = rule.Rationale,
                Action = rule.Action,
                Sources = context.Cite(rule.SourceIds),
                Notes = [$"{Format(daily / kg)} mg/kg/day of real body weight ({Format(kg)} kg); the maximum is {rule.MaxDaily} per kg per day ({Format(limit)} mg/day)"],
            };
        }
    }

    public static IEnumerable<DoseFinding> Weekly(SafetyContext context, DoseRule rule)
    {
        foreach (var ingredient in rule.Ingredients.Where(context.HasActive).Order(StringComparer.Ordinal))
        {
            var dose = context.DailyDose(ingredient);
            if (!DoseChecker.Computable(context, rule, dose) || !DoseChecker.LimitMg(context, rule.MaxWeekly!, out var limit))
            {
                continue;
            }

            var weekly = dose.MgPerDay!.Value * 7;
            if (weekly <= limit)
            {
                continue;
            }

            var computed = new ComputedValue("weekly-dose", Math.Round(weekly, 2), "mg/week", "daily dose x 7", [.. dose.Parts.Select(p => p.ToInput())]);
            yield return new DoseFinding
            {
                RuleId = rule.Id,
                Kind = rule.Kind,
                Severity = rule.Severity,
                IngredientIds = [ingredient],
                Computed = computed,
                Limit = rule.MaxWeekly,
                Facts = [.. dose.Parts.Select(p => FactReferences.Of(p.Medication.Fact))],
                Context = [],
                Codes = [.. dose.Parts.SelectMany(p => SafetyContext.CodesOf(p.Medication))],
                Rationale = rule.Rationale,
                Action = rule.Action,
                Sources = context.Cite(rule.SourceIds),
                Notes = dose.AsNeeded ? ["as-needed maximum"] : [],
            };
        }
    }

    public static IEnumerable<DoseFinding> Companion(SafetyContext context, DoseRule rule)
    {
        if (context.HasActiveAny(rule.CompanionIngredients))
        {
            yield break;
        }

        var orders = context.Active.Where(m => m.Ingredients.Any(i => rule.Ingredients.Contains(i.DrugId))).ToList();
        if (orders.Count == 0)
        {
            yield break;
        }

        var ingredients = orders.SelectMany(m => m.Ingredients.Select(i => i.DrugId)).Where(rule.Ingredients.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var courses = orders.Select(context.ActiveCourseOf).DistinctBy(c => c.Key).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        // The companions missing are the computation's inputs (the projection names them in the title).
        var computed = new ComputedValue(
            "companion-orders", 0, "current or proposed orders", "current and proposed orders searched for a companion",
            [.. rule.Companions.Select(c => new ComputedInput(c, "none current or proposed"))]);
        yield return new DoseFinding
        {
            RuleId = rule.Id,
            Kind = rule.Kind,
            Severity = rule.Severity,
            IngredientIds = [.. ingredients],
            Computed = computed,
            Limit = null,
            Facts = [.. courses.SelectMany(c => c.Facts())],
            Context = [],
            Codes = [.. orders.SelectMany(SafetyContext.CodesOf).Distinct()],
            Rationale = rule.Rationale,
            Action = rule.Action,
            Sources = context.Cite(rule.SourceIds),
            Notes = [$"no current or proposed {string.Join(" or ", rule.Companions)} in the record", .. courses.Select(c => c.Note).OfType<string>()],
        };
    }

    private static string Format(decimal value) => FactReferences.Format(Math.Round(value, 1));
}
