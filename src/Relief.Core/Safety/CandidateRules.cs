using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Safety;

/// <summary>
/// The rules a by-ingredient index (knowledge built once) gives for the patient's current and proposed drugs: each
/// once, ordered by id, as a sorted dictionary keyed by id gave them. Null when no drug of the patient has a rule
/// (most records), so a check that finds nothing to look at allocates nothing.
/// </summary>
internal static class CandidateRules
{
    public static List<T>? Of<T>(SafetyContext context, FrozenDictionary<string, ImmutableArray<T>> byIngredient, Func<T, string> idOf)
        where T : class
    {
        List<T>? rules = null;
        foreach (var medication in context.Active)
        {
            foreach (var ingredient in medication.Ingredients)
            {
                if (!byIngredient.TryGetValue(ingredient.DrugId, out var candidates))
                {
                    continue;
                }

                foreach (var rule in candidates)
                {
                    if (rules is null)
                    {
                        rules = [rule];
                    }
                    else if (!Contains(rules, rule, idOf))
                    {
                        rules.Add(rule);
                    }
                }
            }
        }

        // Ids are unique (the validator checks), so the unstable sort gives the one order.
        rules?.Sort((x, y) => string.CompareOrdinal(idOf(x), idOf(y)));
        return rules;
    }

    // A patient meets a handful of rules: a scan is cheaper than a set.
    private static bool Contains<T>(List<T> rules, T rule, Func<T, string> idOf)
        where T : class
    {
        var id = idOf(rule);
        foreach (var existing in rules)
        {
            if (ReferenceEquals(existing, rule) || string.Equals(idOf(existing), id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
