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
            if (rule.AgeMin is { } ageMin && (context.Age is not { } age || age < ageMin) || !context.HasActiveAny(rule.A))
            {
                continue;
            }

            var members = context.Active.Where(m => m.Ingredients.Any(i => rule.A.Contains(i.DrugId))).ToList();
            var ingredients = members.SelectMany(m => m.Ingredients.Select(i => i.DrugId)).Where(rule.A.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (ingredients.Count < rule.MinCount)
            {
                continue;
            }

            (findings ??= []).Add(new InteractionFinding
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
            });
        }

        return (IReadOnlyList<InteractionFinding>?)findings ?? [];
    }
}
