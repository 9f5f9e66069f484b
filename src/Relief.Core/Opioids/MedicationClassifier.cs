using System.Collections.Concurrent;
using System.Collections.Immutable;
using Relief.Core.Assessment;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Opioids;
using Relief.Core.Patients;

namespace Relief.Core.Opioids;

/// <summary>
/// Places each medication in the opioid knowledge's groups: by the codes of the reference value sets first,
/// then by Relief's own ingredients and classes (drugs.yaml), so a product the value set does not list (a brand
/// such as "Morphine Sulfate 10 MG [Kadian]") is still recognised by its ingredient.
/// </summary>
internal sealed class MedicationClassifier(KnowledgeBase knowledge)
{
    private readonly OpioidKnowledge _opioids = knowledge.Opioids;
    private readonly OpioidMme _mme = new(knowledge);
    private readonly ResolvedConcepts _ingredients = ResolvedConcepts.For(knowledge);

    // Group membership depends only on the medication concept (codes, text, displays), and a record repeats the same
    // concept on every refill: resolving ingredients by name and testing the value sets once per concept, not once per
    // order, keeps the opioid review from dominating the engine on long records. Bounded, shared across patients.
    private const int MaxCachedConcepts = 50_000;
    // Keyed by the concept itself, compared by content (ConceptComparer), so a look-up builds no key string.
    private readonly ConcurrentDictionary<CodedText, Membership> _byConcept = new(ConceptComparer.Instance);

    private sealed record Membership(
        ImmutableArray<IngredientMatch> Ingredients, bool IsOpioid, bool IsExtendedRelease, bool IsBenzodiazepine, bool IsNaloxone, bool IsMoud);

    /// <summary>Group membership, days' supply and MME/day of one order (<see cref="Groups"/> then <see cref="Complete"/>).</summary>
    public OpioidOrder Classify(MedicationFact fact) => Complete(Groups(fact));

    /// <summary>
    /// The order's groups only (opioid, ER/LA, benzodiazepine, naloxone, MOUD), without its days' supply and MME/day:
    /// enough for the review to see that a record has nothing to review, which most records do not.
    /// </summary>
    public OpioidOrder Groups(MedicationFact fact)
    {
        var member = MembershipOf(fact);
        return new OpioidOrder(fact, member.Ingredients)
        {
            IsOpioid = member.IsOpioid,
            IsExtendedRelease = member.IsExtendedRelease,
            IsBenzodiazepine = member.IsBenzodiazepine,
            IsNaloxone = member.IsNaloxone,
            IsMoud = member.IsMoud,
        };
    }

    /// <summary>Whether the order is an opioid analgesic, and whether a benzodiazepine; no order object is built to tell.</summary>
    public (bool IsOpioid, bool IsBenzodiazepine) OpioidOrBenzodiazepine(MedicationFact fact)
    {
        var member = MembershipOf(fact);
        return (member.IsOpioid, member.IsBenzodiazepine);
    }

    /// <summary>An order from <see cref="Groups"/> with its days' supply and, for an opioid, its MME/day.</summary>
    public OpioidOrder Complete(OpioidOrder order)
    {
        var fact = order.Fact;
        if (!order.IsOpioid)
        {
            return order with { SupplyDays = SupplyDays(fact, null) };
        }

        var mme = _mme.Compute(order);
        return order with
        {
            Mme = mme.Value,
            MmeMethod = mme.Method,
            MmeProblem = mme.Problem,
            SupplyDays = SupplyDays(fact, mme.DosesPerDay),
        };
    }

    private Membership MembershipOf(MedicationFact fact)
    {
        var key = fact.Medication;
        if (_byConcept.TryGetValue(key, out var known))
        {
            return known;
        }

        var ingredients = _ingredients.Resolve(fact.Medication);
        var isOpioid = In("opioid-analgesic", fact, ingredients);
        var member = new Membership(
            ingredients,
            isOpioid,
            isOpioid && (In("extended-release-opioid", fact, ingredients) || HasMarker("extended-release-opioid", fact)),
            In("benzodiazepine", fact, ingredients),
            In("naloxone", fact, ingredients),
            In("moud", fact, ingredients));
        if (_byConcept.Count < MaxCachedConcepts)
        {
            _byConcept.TryAdd(key, member);
        }

        return member;
    }

    private bool In(string groupId, MedicationFact fact, ImmutableArray<IngredientMatch> ingredients)
    {
        var group = _opioids.Medications[groupId];
        if (group.SingleIngredient && ingredients.Length > 1)
        {
            return false;
        }

        if (group.ValueSets.Any(set => set.ContainsAny(fact.Medication.Codes)))
        {
            return true;
        }

        foreach (var ingredient in ingredients)
        {
            if (group.Drugs.Contains(ingredient.DrugId))
            {
                return true;
            }

            if (!group.DrugClasses.IsEmpty && knowledge.Drugs.TryGetValue(ingredient.DrugId, out var drug)
                && knowledge.ClassChain(drug.ClassId).Any(group.DrugClasses.Contains))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasMarker(string groupId, MedicationFact fact)
    {
        var markers = _opioids.Medications[groupId].NameMarkers;
        return Names(fact).Any(name => markers.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase)));
    }

    private static IEnumerable<string> Names(MedicationFact fact) =>
        fact.Medication.Displays.Values.Append(fact.Medication.Text).OfType<string>();

    /// <summary>The expected supply duration, else quantity / (dose x doses a day) when the quantity counts the dose unit.</summary>
    private static decimal? SupplyDays(MedicationFact fact, decimal? dosesPerDay)
    {
        if (fact.SupplyDays is { } days)
        {
            return days;
        }

        if (fact.DispenseQuantity is not { } quantity || dosesPerDay is not { } perDay || perDay <= 0
            || fact.Dosages.IsDefaultOrEmpty || fact.Dosages[0].DoseValue is not { } dose || dose <= 0)
        {
            return null;
        }

        var sameUnit = fact.DispenseUnit is null || string.Equals(
            fact.DispenseUnit.Trim('{', '}').TrimEnd('s'), fact.Dosages[0].DoseUnit?.Trim('{', '}').TrimEnd('s'), StringComparison.OrdinalIgnoreCase);
        return sameUnit ? Math.Round(quantity / (dose * perDay), 1) : null;
    }
}
