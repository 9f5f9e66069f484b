using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Relief.Core.Knowledge;
using Relief.Core.Patients;

namespace Relief.Core.Assessment;

/// <summary>
/// <see cref="MedicationResolver.Resolve"/> remembered per medication concept (compared by content,
/// <see cref="ConceptComparer"/>), one table per knowledge base shared by every assessment: records repeat a few products
/// on every refill and across patients, and resolving a name parses it each time. Bounded; thread-safe.
/// </summary>
internal sealed class ResolvedConcepts
{
    private const int MaxCachedConcepts = 50_000;
    private static readonly ConditionalWeakTable<KnowledgeBase, ResolvedConcepts> ByKnowledge = [];
    private readonly KnowledgeBase _knowledge;
    private readonly ConcurrentDictionary<CodedText, ImmutableArray<IngredientMatch>> _byConcept = new(ConceptComparer.Instance);

    private ResolvedConcepts(KnowledgeBase knowledge) => _knowledge = knowledge;

    public static ResolvedConcepts For(KnowledgeBase knowledge) => ByKnowledge.GetValue(knowledge, k => new ResolvedConcepts(k));

    public ImmutableArray<IngredientMatch> Resolve(CodedText concept)
    {
        if (_byConcept.TryGetValue(concept, out var known))
        {
            return known;
        }

        var ingredients = MedicationResolver.Resolve(concept, _knowledge);
        if (_byConcept.Count < MaxCachedConcepts)
        {
            _byConcept.TryAdd(concept, ingredients);
        }

        return ingredients;
    }
}
