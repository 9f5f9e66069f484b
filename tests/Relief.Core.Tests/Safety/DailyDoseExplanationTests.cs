using System.Collections.Immutable;
using System.Text;
using Relief.Core.Assessment;
using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Core.Safety;
using Relief.Core.Safety.Doses;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// A dose's explanation is written only when a finding reads it (<see cref="DailyDoseCalculator.Explain"/>). Differential:
/// for every product of the shipped knowledge under several dosages, the dose computed without text must equal the dose
/// computed while writing the text, and the explanation read later must be the text written during the computation.
/// </summary>
public class DailyDoseExplanationTests
{
    // Tablets twice a day; a mass once a day; a split dose with an as-needed part; weekly; no timing; an unknown unit.
    private static readonly ImmutableArray<DosageFact>[] Dosages =
    [
        [Dose.Of(1, "tablet", 2, 1, "d")],
        [Dose.Of(50, "mg", 1, 1, "d")],
        [Dose.Of(1, "{tablet}", 1, 12, "h"), Dose.Of(2, "tablet", 1, 1, "d", asNeeded: true)],
        [Dose.Of(15, "mg", null, 1, "wk")],
        [Dose.Of(1, "tablet", null, null, null)],
        [Dose.Of(1, "puff", 1, 1, "d")],
    ];

    [Fact]
    public void Every_product_gives_the_same_dose_and_text_whether_the_explanation_is_written_then_or_later()
    {
        var knowledge = TestKnowledge.Real;
        var context = new SafetyContext(new PatientRecord { Id = "p" }, PatientBuilder.AsOf, knowledge, [], _ => throw new InvalidOperationException());
        var calculator = new DailyDoseCalculator(context);
        var computable = 0;
        var compared = 0;
        foreach (var product in knowledge.Products.Values)
        {
            var code = new Code(CodeSystems.RxNorm, product.RxNorm);
            var concept = new CodedText([code], null) { Displays = ImmutableDictionary<Code, string>.Empty.Add(code, product.Name) };
            foreach (var dosages in Dosages)
            {
                var medication = new ResolvedMedication(
                    new MedicationFact
                    {
                        ResourceId = "m1",
                        ResourceType = "MedicationRequest",
                        Medication = concept,
                        Use = MedicationUse.Current,
                        Status = "active",
                        Intent = "order",
                        Start = null,
                        End = null,
                        Dosages = dosages,
                    },
                    MedicationResolver.Resolve(concept, knowledge));
                foreach (var ingredientId in product.IngredientIds)
                {
                    var written = new StringBuilder();
                    var eager = calculator.Run(medication, ingredientId, written);
                    var lazy = calculator.Compute(medication, ingredientId);

                    Assert.Equal(eager.MgPerDay, lazy.MgPerDay);
                    Assert.Equal(eager.AdministrationsPerDay, lazy.AdministrationsPerDay);
                    Assert.Equal(eager.AsNeeded, lazy.AsNeeded);
                    Assert.Equal(eager.Problem, lazy.Problem);
                    Assert.Equal(eager.Problem is null ? written.ToString() : "", lazy.Explanation);
                    compared++;
                    if (lazy.Problem is null)
                    {
                        computable++;
                        Assert.EndsWith(" mg/day", lazy.Explanation, StringComparison.Ordinal);
                    }
                }
            }
        }

        // The comparison covered the products, and many of their doses were computable (a text to compare).
        Assert.True(compared > 500, $"only {compared} product/ingredient/dosage cases compared");
        Assert.True(computable > compared / 4, $"only {computable} of {compared} computable");
    }
}
