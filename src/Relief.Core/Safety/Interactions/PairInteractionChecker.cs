using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Interactions;

/// <summary>
/// Drug x drug (spec 5.1): two counted medications whose ingredients differ, one on side a and one on side b,
/// at least one current or proposed. A past medication counts on the side of an ingredient whose washout has
/// not elapsed (spec 1.4). A pair is reported once per rule, whichever side each medication matched and
/// however many of their ingredients matched (one product holding both ingredients fires too).
/// </summary>
internal static class PairInteractionChecker
{
    public static IEnumerable<InteractionFinding> Check(SafetyContext context)
    {
        var rules = new SortedDictionary<string, Interaction>(StringComparer.Ordinal);
        foreach (var medication in context.Active)
        {
            foreach (var ingredient in medication.Ingredients)
            {
                if (context.Rules.PairInteractionsByIngredient.TryGetValue(ingredient.DrugId, out var candidates))
                {
                    foreach (var rule in candidates)
                    {
                        rules.TryAdd(rule.Id, rule);
                    }
                }
            }
        }

        foreach (var rule in rules.Values)
        {
            var counted = Counted(context, rule);
            var pairs = new SortedDictionary<string, (List<CountedMedication> Members, SortedSet<string> Ingredients)>(StringComparer.Ordinal);
            foreach (var a in counted.Where(c => rule.A.Contains(c.Ingredient)))
            {
                foreach (var b in counted.Where(c => rule.B.Contains(c.Ingredient)))
                {
                    if (a.Ingredient == b.Ingredient || (a.IsPast && b.IsPast))
                    {
                        continue;
                    }

                    var members = new[] { a, b }.DistinctBy(m => m.Medication.Reference).OrderBy(m => m.Medication.Reference, StringComparer.Ordinal).ToList();
                    var key = string.Join('|', members.Select(m => m.Medication.Reference));
                    if (!pairs.TryGetValue(key, out var pair))
                    {
                        pairs[key] = pair = (members, new SortedSet<string>(StringComparer.Ordinal));
                    }

                    pair.Ingredients.Add(a.Ingredient);
                    pair.Ingredients.Add(b.Ingredient);
                }
            }

            foreach (var (members, ingredients) in pairs.Values)
            {
                yield return new InteractionFinding(
                    rule.Id,
                    InteractionKind.Pair,
                    rule.Severity,
                    rule.OncHighPriority,
                    [.. ingredients],
                    [.. members.Select(m => FactReferences.Of(m.Medication.Fact, m.Role))],
                    [.. members.SelectMany(m => SafetyContext.CodesOf(m.Medication)).Distinct()],
                    rule.Mechanism,
                    rule.Management,
                    context.Cite(rule.SourceIds),
                    [.. members.Where(m => m.IsPast).Select(m => $"{m.Medication.Fact.Medication} stopped on {FactReferences.Date(m.Medication.Fact.End)}, inside the {m.WashoutDays}-day washout for {m.Ingredient}")]);
            }
        }
    }

    private sealed record CountedMedication(ResolvedMedication Medication, string Ingredient, bool IsPast, int WashoutDays, string? Role);

    private static List<CountedMedication> Counted(SafetyContext context, Interaction rule)
    {
        var counted = new List<CountedMedication>();
        foreach (var medication in context.Active)
        {
            foreach (var ingredient in medication.Ingredients)
            {
                counted.Add(new CountedMedication(medication, ingredient.DrugId, false, 0, null));
            }
        }

        if (rule.WashoutDaysByIngredient.Count == 0)
        {
            return counted;
        }

        // A past medication counts only while its washout lasts: End on or after asOf - N. Without an End it does not.
        var earliest = context.AsOf.PlusDays(-rule.WashoutDaysByIngredient.Values.Max());
        foreach (var medication in context.Past(f => f.End is { } e && e >= earliest))
        {
            var end = medication.Fact.End!.Value;

            foreach (var ingredient in medication.Ingredients)
            {
                if (rule.WashoutDaysByIngredient.TryGetValue(ingredient.DrugId, out var days) && end >= context.AsOf.PlusDays(-days))
                {
                    counted.Add(new CountedMedication(medication, ingredient.DrugId, true, days, $"{FactReferences.UseRole(medication.Fact)} (within {days}-day washout)"));
                }
            }
        }

        return counted;
    }
}
