using System.Collections.Immutable;
using Relief.Core.Assessment;
using Relief.Core.Patients;

namespace Relief.Core.Safety;

/// <summary>A medication with its ingredients, resolved once per assessment and shared by every check.</summary>
internal sealed record ResolvedMedication(MedicationFact Fact, ImmutableArray<IngredientMatch> Ingredients)
{
    public bool Contains(string ingredientId)
    {
        foreach (var ingredient in Ingredients)
        {
            if (ingredient.DrugId == ingredientId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when one of the ingredients is in the set (a rule's resolution).</summary>
    public bool ContainsAny(IReadOnlySet<string> ingredientIds)
    {
        foreach (var ingredient in Ingredients)
        {
            if (ingredientIds.Contains(ingredient.DrugId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>Type/id</c>, built once: checks use it as a key many times per assessment.</summary>
    public string Reference { get; } = $"{Fact.ResourceType}/{Fact.ResourceId}";
}
