using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Safety.Interactions;

/// <summary>
/// "N or more drugs of a group" (knowledge-format-safety.md §5.2): distinct ingredients of the group among current and proposed
/// medications, so a drug in two categories (clonazepam) counts once.
/// </summary>
internal static class CountInteractionChecker
{
    public static IReadOnlyList<InteractionFinding> Check(SafetyContext context)
    {
        List<InteractionFinding>? findings = null;
        foreach (var rule in context.Rules.CountInteractions)
        {
            // Most patients on a drug of the group take one: counted before any list is made.
            if (rule.AgeMin is { } ageMin && (context.Age is not { } age || age < ageMin) || DistinctIngredients(context, rule.A) is var count && (count == 0 || count < rule.MinCount))
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

    // Apart from Check, so the lambdas' captured rule is allocated only for a rule that may fire, not per rule looked at.
    private static InteractionFinding? Finding(SafetyContext context, Interaction rule)
    {
        var members = context.Active.Where(m => m.Ingredients.Any(i => rule.A.Contains(i.DrugId))).ToList();
        var ingredients = members.SelectMany(m => m.Ingredients.Select(i => i.DrugId)).Where(rule.A.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (ingredients.Count < rule.MinCount)
        {
            return null;
        }

        return new InteractionFinding
        {
            RuleId = rule.Id,
            Kind = InteractionKind.Count,
            Severity = rule.Severity,
            OncHighPriority = rule.OncHighPriority,
            IngredientIds = [.. ingredients],
            Facts = [.. members.OrderBy(m => m.Reference, StringComparer.Ordinal).Select(m => FactReferences.Of(m.Fact))],
            Codes = [.. members.SelectMany(SafetyContext.CodesOf).Distinct()],
            Mechanism = rule.Mechanism,
            Management = rule.Management,
            Sources = context.Cite(rule.SourceIds),
            Notes = [$"{ingredients.Count} distinct drugs of the group; the rule fires at {rule.MinCount}"],
        };
    }

    // Distinct ingredients of the group among current and proposed medications (what the rule counts), without a set:
    // an ingredient counts where it is first met.
    private static int DistinctIngredients(SafetyContext context, IReadOnlySet<string> group)
    {
        var count = 0;
        var active = context.Active;
        for (var m = 0; m < active.Length; m++)
        {
            var ingredients = active[m].Ingredients;
            for (var i = 0; i < ingredients.Length; i++)
            {
                var id = ingredients[i].DrugId;
                if (group.Contains(id) && !SeenBefore(active, m, i, id))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static bool SeenBefore(System.Collections.Immutable.ImmutableArray<ResolvedMedication> active, int medication, int ingredient, string id)
    {
        for (var m = 0; m <= medication; m++)
        {
            var ingredients = active[m].Ingredients;
            var end = m == medication ? ingredient : ingredients.Length;
            for (var i = 0; i < end; i++)
            {
                if (string.Equals(ingredients[i].DrugId, id, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
