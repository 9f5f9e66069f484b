using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Safety.Courses;

namespace Relief.Core.Safety.Interactions;

/// <summary>
/// One drug from each of sides a, b and c (knowledge-format-safety.md §5.4): three current or proposed medications whose
/// ingredients are three different drugs. Reported once per rule, naming every course that completes such a triple
/// (an NSAID with two ACE inhibitors and a diuretic is one finding, not two).
/// </summary>
internal static class CombinationInteractionChecker
{
    public static IReadOnlyList<InteractionFinding> Check(SafetyContext context)
    {
        List<InteractionFinding>? findings = null;
        foreach (var rule in context.Rules.CombinationInteractions)
        {
            if (!context.HasActiveAny(rule.A) || !context.HasActiveAny(rule.B) || !context.HasActiveAny(rule.C))
            {
                continue;
            }

            if (Finding(context, rule) is { } finding)
            {
                (findings ??= []).Add(finding);
            }
        }

        return (IReadOnlyList<InteractionFinding>?)findings ?? [];
    }

    // Apart from Check, so the lambdas' captured state is allocated only for a rule all three sides of which the patient takes.
    private static InteractionFinding? Finding(SafetyContext context, Interaction rule)
    {
        var counted = context.Active.SelectMany(m => m.Ingredients.Select(i => (Medication: m, Ingredient: i.DrugId))).ToList();
        var sideA = counted.FindAll(x => rule.A.Contains(x.Ingredient));
        var sideB = counted.FindAll(x => rule.B.Contains(x.Ingredient));
        var sideC = counted.FindAll(x => rule.C.Contains(x.Ingredient));
        var members = new List<ResolvedMedication>();
        var ingredients = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var a in sideA)
        {
            foreach (var b in sideB.Where(b => b.Ingredient != a.Ingredient))
            {
                foreach (var c in sideC.Where(c => c.Ingredient != a.Ingredient && c.Ingredient != b.Ingredient))
                {
                    members.AddRange([a.Medication, b.Medication, c.Medication]);
                    ingredients.UnionWith([a.Ingredient, b.Ingredient, c.Ingredient]);
                }
            }
        }

        if (ingredients.Count == 0)
        {
            return null;
        }

        // One row per course: refills of the same drug do not multiply the facts.
        var courses = members
            .GroupBy(m => context.ActiveCourseOf(m).Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => context.ActiveCourseOf(g.First()))
            .ToList();
        return new InteractionFinding
        {
            RuleId = rule.Id,
            Kind = InteractionKind.Combination,
            Severity = rule.Severity,
            OncHighPriority = rule.OncHighPriority,
            IngredientIds = [.. ingredients],
            Facts = [.. courses.SelectMany(course => course.Facts())],
            Codes = [.. members.Distinct().SelectMany(SafetyContext.CodesOf).Distinct()],
            Mechanism = rule.Mechanism,
            Management = rule.Management,
            Sources = context.Cite(rule.SourceIds),
            Notes = [.. courses.Select(course => course.Note).OfType<string>()],
        };
    }
}
