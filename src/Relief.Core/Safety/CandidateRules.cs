using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Safety;

/// <summary>
/// The rules a by-ingredient index (knowledge built once, each list in id order) gives for the patient's current and
/// proposed drugs: each once, ordered by id, as a sorted dictionary keyed by id gave them. Default (IsDefault) when no
/// drug of the patient has a rule (most records), so a check that finds nothing to look at allocates nothing; one drug's
/// list is used as it is (an array, so the caller's foreach neither boxes it nor allocates an enumerator).
/// </summary>
internal static class CandidateRules
{
    public static ImmutableArray<T> Of<T>(SafetyContext context, FrozenDictionary<string, ImmutableArray<T>> byIngredient, Func<T, string> idOf)
        where T : class
    {
        ImmutableArray<T> first = default;
        List<T>? merged = null;
        foreach (var medication in context.Active)
        {
            foreach (var ingredient in medication.Ingredients)
            {
                if (!byIngredient.TryGetValue(ingredient.DrugId, out var candidates) || candidates == first)
                {
                    continue;
                }

                if (first.IsDefault)
                {
                    first = candidates;
                    continue;
                }

                merged ??= [.. first];
                foreach (var rule in candidates)
                {
                    if (!Contains(merged, rule, idOf))
                    {
                        merged.Add(rule);
                    }
                }
            }
        }

        if (merged is null)
        {
            return first;
        }

        return SortedById(merged, idOf);
    }

    // Ids are unique (the validator checks), so the unstable sort gives the one order. Apart from Of, so the lambda's
    // captured idOf is allocated only when several drugs' lists were merged.
    private static ImmutableArray<T> SortedById<T>(List<T> merged, Func<T, string> idOf)
    {
        merged.Sort((x, y) => string.CompareOrdinal(idOf(x), idOf(y)));
        return [.. merged];
    }

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
