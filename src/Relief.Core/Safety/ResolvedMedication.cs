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

    public string Reference => $"{Fact.ResourceType}/{Fact.ResourceId}";
}
