using System.Collections.Immutable;
using Relief.Core.Assessment;
using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Core.Safety;
using Relief.Core.Safety.Doses;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// The per-knowledge table of product strengths (<see cref="ProductStrengths"/>) must give what reading the product's
/// names gives (<see cref="ProductStrength.Find"/>), for every product the knowledge lists, asked cold and again warm.
/// </summary>
public class ProductStrengthsTests
{
    [Fact]
    public void Every_product_of_the_shipped_knowledge_reads_the_same_strength_cached_as_read_afresh()
    {
        var knowledge = TestKnowledge.Real;
        var strengths = ProductStrengths.For(knowledge);
        var compared = 0;
        var withStrength = 0;
        foreach (var product in knowledge.Products.Values)
        {
            // As a record codes it (code and display), and as a name only (text), each with the ingredients the engine resolves.
            var code = new Code(CodeSystems.RxNorm, product.RxNorm);
            foreach (var concept in new[]
                     {
                         new CodedText([code], null) { Displays = ImmutableDictionary<Code, string>.Empty.Add(code, product.Name) },
                         new CodedText([], product.Name),
                     })
            {
                var medication = Medication(concept, knowledge);
                foreach (var ingredientId in product.IngredientIds)
                {
                    var expected = ProductStrength.Find(medication, ingredientId, knowledge);
                    Assert.Equal(expected, strengths.Find(medication, ingredientId));
                    Assert.Equal(expected, strengths.Find(Medication(concept with { }, knowledge), ingredientId));
                    compared++;
                    withStrength += expected is null ? 0 : 1;
                }
            }
        }

        // The comparison covered the table, and most products state a strength in their name.
        Assert.True(compared > 100, $"only {compared} product/ingredient pairs compared");
        Assert.True(withStrength > compared / 2, $"only {withStrength} of {compared} with a strength");
    }

    [Fact]
    public void Two_products_that_differ_only_in_their_name_keep_their_own_strengths()
    {
        var knowledge = TestKnowledge.Real;
        var strengths = ProductStrengths.For(knowledge);
        var five = Medication(new CodedText([], "Oxycodone Hydrochloride 5 MG Oral Tablet"), knowledge);
        var ten = Medication(new CodedText([], "Oxycodone Hydrochloride 10 MG Oral Tablet"), knowledge);

        Assert.Equal(5m, strengths.Find(five, "oxycodone")?.Mg);
        Assert.Equal(10m, strengths.Find(ten, "oxycodone")?.Mg);
        Assert.Equal(5m, strengths.Find(five, "oxycodone")?.Mg);
    }

    private static ResolvedMedication Medication(CodedText concept, Relief.Core.Knowledge.KnowledgeBase knowledge) =>
        new(new MedicationFact
        {
            ResourceId = "m1",
            ResourceType = "MedicationRequest",
            Medication = concept,
            Use = MedicationUse.Current,
            Status = "active",
            Intent = "order",
            Start = null,
            End = null,
        }, MedicationResolver.Resolve(concept, knowledge));
}
