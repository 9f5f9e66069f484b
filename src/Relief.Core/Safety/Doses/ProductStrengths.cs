using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Relief.Core.Knowledge;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Doses;

/// <summary>
/// <see cref="ProductStrength.Find"/> remembered per product, one table per knowledge base shared by every assessment:
/// reading a strength splits the product's names and runs a regular expression, and records renew the same few products
/// across refills and patients. The key holds everything <c>Find</c> reads: the concept (compared by content,
/// <see cref="ConceptComparer"/>), the ingredient, and whether the order resolved to that one ingredient alone.
/// Bounded; thread-safe. <c>ProductStrengthsTests</c> checks it against <c>Find</c> on real records.
/// </summary>
internal sealed class ProductStrengths
{
    private const int MaxCachedStrengths = 50_000;
    private static readonly ConditionalWeakTable<KnowledgeBase, ProductStrengths> ByKnowledge = [];
    private readonly KnowledgeBase _knowledge;
    private readonly ConcurrentDictionary<Key, (decimal Mg, string Name)?> _strengths = new(KeyComparer.Instance);

    private ProductStrengths(KnowledgeBase knowledge) => _knowledge = knowledge;

    public static ProductStrengths For(KnowledgeBase knowledge) => ByKnowledge.GetValue(knowledge, k => new ProductStrengths(k));

    /// <summary>The same answer as <see cref="ProductStrength.Find"/>.</summary>
    public (decimal Mg, string Name)? Find(ResolvedMedication medication, string ingredientId)
    {
        var key = new Key(medication.Fact.Medication, ingredientId, medication.Ingredients.Length == 1 && medication.Contains(ingredientId));
        if (_strengths.TryGetValue(key, out var known))
        {
            return known;
        }

        var strength = ProductStrength.Find(medication, ingredientId, _knowledge);
        if (_strengths.Count < MaxCachedStrengths)
        {
            _strengths.TryAdd(key, strength);
        }

        return strength;
    }

    private readonly record struct Key(CodedText Concept, string IngredientId, bool OnlyIngredient);

    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(Key x, Key y) =>
            x.OnlyIngredient == y.OnlyIngredient
            && string.Equals(x.IngredientId, y.IngredientId, StringComparison.Ordinal)
            && ConceptComparer.Instance.Equals(x.Concept, y.Concept);

        public int GetHashCode(Key key) =>
            HashCode.Combine(ConceptComparer.Instance.GetHashCode(key.Concept), StringComparer.Ordinal.GetHashCode(key.IngredientId), key.OnlyIngredient);
    }
}
