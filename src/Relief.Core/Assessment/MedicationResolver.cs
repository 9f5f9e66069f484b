using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Patients;

namespace Relief.Core.Assessment;

/// <summary>
/// Maps a medication as recorded (a product code, an ingredient code or only a name) to its ingredients.
/// Order of trust: the reviewed product table, then an ingredient code, then the product's name.
/// </summary>
public static class MedicationResolver
{
    public static ImmutableArray<IngredientMatch> Resolve(CodedText medication, KnowledgeBase knowledge)
    {
        var matches = ImmutableArray.CreateBuilder<IngredientMatch>();
        foreach (var code in medication.Codes)
        {
            if (code.System != CodeSystems.RxNorm)
            {
                continue;
            }

            if (knowledge.Products.TryGetValue(code.Value, out var product))
            {
                foreach (var id in product.IngredientIds)
                {
                    Add(matches, knowledge.Drugs[id], IngredientResolution.ProductTable);
                }
            }
            else if (knowledge.DrugsByRxNorm.TryGetValue(code.Value, out var drug))
            {
                Add(matches, drug, IngredientResolution.IngredientCode);
            }
        }

        if (matches.Count > 0)
        {
            return matches.ToImmutable();
        }

        // Displays in coding order, then the text: dictionary order is not stable across processes.
        var names = medication.Codes.Select(c => medication.Displays.GetValueOrDefault(c)).Append(medication.Text);
        foreach (var name in names.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            foreach (var drug in RxNormNameParser.Parse(name, knowledge))
            {
                Add(matches, drug, IngredientResolution.ProductName);
            }

            if (matches.Count > 0)
            {
                break;
            }
        }

        return matches.ToImmutable();
    }

    private static void Add(ImmutableArray<IngredientMatch>.Builder matches, Knowledge.Model.Drug drug, IngredientResolution how)
    {
        foreach (var existing in matches)
        {
            if (existing.DrugId == drug.Id)
            {
                return;
            }
        }

        matches.Add(new IngredientMatch(drug.Id, drug.Name, drug.Scope, how));
    }
}
