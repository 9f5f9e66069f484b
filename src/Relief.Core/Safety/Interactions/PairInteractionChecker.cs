using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Safety.Interactions;

/// <summary>
/// Drug x drug (knowledge-format-safety.md §5.1): two counted medications whose ingredients differ, one on side a and one on side b,
/// at least one current or proposed. A past medication counts on the side of an ingredient whose washout has
/// not elapsed (knowledge-format-safety.md §1.4). A pair is reported once per rule, whichever side each medication matched and
/// however many of their ingredients matched (one product holding both ingredients fires too).
/// </summary>
internal static class PairInteractionChecker
{
    public static IReadOnlyList<InteractionFinding> Check(SafetyContext context)
    {
        // Only the rules that name one of the patient's drugs, by id; none (most records) allocates nothing more.
        var rules = CandidateRules.Of(context, context.Rules.PairInteractionsByIngredient, static r => r.Id);
        if (rules.IsDefault)
        {
            return [];
        }

        List<CountedMedication>? active = null;
        List<InteractionFinding>? findings = null;
        foreach (var rule in rules)
        {
            // Without a washout only current and proposed drugs count: a rule with a side the patient does not take is
            // told from the medications themselves, before the counted list is made (most patients meet no pair).
            if (rule.WashoutDaysByIngredient.Count == 0 && (!context.HasActiveAny(rule.A) || !context.HasActiveAny(rule.B)))
            {
                continue;
            }

            active ??= Counted(context);
            var counted = rule.WashoutDaysByIngredient.Count == 0 ? active : WithWashout(context, rule, active);

            // Most rules a patient meets name only one of their drugs: tell that without building the sides.
            if (!AnyOn(counted, rule.A) || !AnyOn(counted, rule.B))
            {
                continue;
            }

            var sideA = Side(counted, rule.A);
            var sideB = Side(counted, rule.B);
            if (sideA.Count == 0 || sideB.Count == 0)
            {
                continue;
            }

            var pairs = new SortedDictionary<string, (CountedMedication[] Members, SortedSet<string> Ingredients)>(StringComparer.Ordinal);
            foreach (var a in sideA)
            {
                foreach (var b in sideB)
                {
                    if (a.Ingredient == b.Ingredient || (a.IsPast && b.IsPast))
                    {
                        continue;
                    }

                    // The same two courses are one pair whichever side each matched (refills of either drug do not
                    // multiply the finding); one product is a pair with itself.
                    var keyA = CourseKey(context, a);
                    var keyB = CourseKey(context, b);
                    var order = string.CompareOrdinal(keyA, keyB);
                    CountedMedication[] members = order == 0 ? [a] : order < 0 ? [a, b] : [b, a];
                    var key = members.Length == 1 ? keyA : $"{CourseKey(context, members[0])}|{CourseKey(context, members[1])}";
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
                (findings ??= []).Add(Finding(context, rule, members, ingredients));
            }
        }

        return (IReadOnlyList<InteractionFinding>?)findings ?? [];
    }

    // Every ingredient of every current and proposed medication, each a member of any side that names it.
    private static List<CountedMedication> Counted(SafetyContext context)
    {
        var active = new List<CountedMedication>();
        foreach (var medication in context.Active)
        {
            foreach (var ingredient in medication.Ingredients)
            {
                active.Add(new CountedMedication(medication, ingredient.DrugId, false, 0, null));
            }
        }

        return active;
    }

    // Apart from Check, so the lambdas' captured context is allocated only for a pair found, not on every call.
    private static InteractionFinding Finding(SafetyContext context, Interaction rule, CountedMedication[] members, SortedSet<string> ingredients) =>
        new InteractionFinding
        {
            RuleId = rule.Id,
            Kind = InteractionKind.Pair,
            Severity = rule.Severity,
            OncHighPriority = rule.OncHighPriority,
            IngredientIds = [.. ingredients],
            Facts = [.. members.SelectMany(m => m.IsPast ? [FactReferences.Of(m.Medication.Fact, m.Role)] : context.ActiveCourseOf(m.Medication).Facts())],
            Codes = [.. members.SelectMany(m => SafetyContext.CodesOf(m.Medication)).Distinct()],
            Mechanism = rule.Mechanism,
            Management = rule.Management,
            Sources = context.Cite(rule.SourceIds),
            Notes = [.. members.Where(m => m.IsPast).Select(m => $"{m.Medication.Fact.Medication} stopped on {FactReferences.Date(m.Medication.Fact.End)}, inside the {m.WashoutDays}-day washout for {m.Ingredient}"),
                .. members.Where(m => !m.IsPast).Select(m => context.ActiveCourseOf(m.Medication).Note).OfType<string>()],
        };

    private static bool AnyOn(List<CountedMedication> counted, IReadOnlySet<string> side)
    {
        foreach (var member in counted)
        {
            if (side.Contains(member.Ingredient))
            {
                return true;
            }
        }

        return false;
    }

    private static List<CountedMedication> Side(List<CountedMedication> counted, IReadOnlySet<string> side)
    {
        var members = new List<CountedMedication>();
        foreach (var member in counted)
        {
            if (side.Contains(member.Ingredient))
            {
                members.Add(member);
            }
        }

        return members;
    }

    private static string CourseKey(SafetyContext context, CountedMedication member) =>
        member.IsPast ? member.Medication.Reference : context.ActiveCourseOf(member.Medication).Key;

    private sealed record CountedMedication(ResolvedMedication Medication, string Ingredient, bool IsPast, int WashoutDays, string? Role);

    // A past medication counts only while its washout lasts: End on or after asOf - N. Without an End it does not.
    // The active list itself when no past order counts (most records): copied only to add one.
    private static List<CountedMedication> WithWashout(SafetyContext context, Interaction rule, List<CountedMedication> active)
    {
        List<CountedMedication>? counted = null;
        var earliest = context.AsOf.PlusDays(-LongestWashout(rule));
        foreach (var medication in context.Past(earliest, static (f, earliest) => f.End is { } e && e >= earliest))
        {
            var end = medication.Fact.End!.Value;
            foreach (var ingredient in medication.Ingredients)
            {
                if (rule.WashoutDaysByIngredient.TryGetValue(ingredient.DrugId, out var days) && end >= context.AsOf.PlusDays(-days))
                {
                    (counted ??= new List<CountedMedication>(active)).Add(
                        new CountedMedication(medication, ingredient.DrugId, true, days, $"{FactReferences.UseRole(medication.Fact)} (within {days}-day washout)"));
                }
            }
        }

        return counted ?? active;
    }

    // The largest washout of the rule (Values.Max() without LINQ's boxed enumerator).
    private static int LongestWashout(Interaction rule)
    {
        var longest = int.MinValue;
        foreach (var days in rule.WashoutDaysByIngredient.Values.AsSpan())
        {
            longest = Math.Max(longest, days);
        }

        return longest;
    }
}
