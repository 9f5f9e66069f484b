using System.Collections.Immutable;
using Relief.Core.Assessment;
using Relief.Core.Codes;
using Relief.Core.Patients;

namespace Relief.Core.Tests.Assessment;

/// <summary>
/// Ingredients are remembered per concept for the whole knowledge base (ResolvedConcepts): the remembered answer must be
/// the one MedicationResolver gives, and a concept resolved from its name must not take another name's answer.
/// </summary>
public class ResolvedConceptsTests
{
    private static readonly Code Unlisted = new(CodeSystems.RxNorm, "0");

    [Theory]
    [InlineData("duloxetine 30 MG Delayed Release Oral Capsule", "pregabalin 75 MG Oral Capsule")]
    [InlineData("Sertraline 100MG", "Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet")]
    public void A_concept_named_differently_is_resolved_on_its_own(string first, string second)
    {
        var cache = ResolvedConcepts.For(TestKnowledge.Real);
        foreach (var text in new[] { first, second, first })
        {
            var concept = new CodedText([], text);
            Assert.Equal(Ids(MedicationResolver.Resolve(concept, TestKnowledge.Real)), Ids(cache.Resolve(concept)));
        }

        Assert.NotEqual(Ids(cache.Resolve(new CodedText([], first))), Ids(cache.Resolve(new CodedText([], second))));
    }

    [Fact]
    public void An_unlisted_code_is_resolved_by_its_own_display()
    {
        var cache = ResolvedConcepts.For(TestKnowledge.Real);
        CodedText Displayed(string display) => new([Unlisted], null) { Displays = ImmutableDictionary<Code, string>.Empty.Add(Unlisted, display) };

        Assert.Equal("duloxetine", Ids(cache.Resolve(Displayed("duloxetine 30 MG Delayed Release Oral Capsule"))));
        Assert.Equal("pregabalin", Ids(cache.Resolve(Displayed("pregabalin 75 MG Oral Capsule"))));
    }

    [Fact]
    public void Each_knowledge_base_has_its_own_table()
    {
        Assert.Same(ResolvedConcepts.For(TestKnowledge.Real), ResolvedConcepts.For(TestKnowledge.Real));
        Assert.NotSame(ResolvedConcepts.For(TestKnowledge.Real), ResolvedConcepts.For(TestKnowledge.Mini));
    }

    private static string Ids(ImmutableArray<IngredientMatch> matches) => string.Join(",", matches.Select(m => m.DrugId));
}
