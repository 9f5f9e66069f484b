using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Patients;

namespace Relief.Core.Tests.Patients;

/// <summary>
/// Caches of ingredient resolution and opioid groups are keyed by concept content: two refills built as separate objects
/// must meet one entry, and a concept that differs in anything resolution reads (a code, their order, the text, a
/// display) must not.
/// </summary>
public class ConceptComparerTests
{
    private static readonly Code Oxycodone = new(CodeSystems.RxNorm, "1049621");
    private static readonly Code Snomed = new(CodeSystems.Snomed, "395822008");

    private static CodedText Concept(string? text, params (Code Code, string? Display)[] codes) =>
        new([.. codes.Select(c => c.Code)], text)
        {
            Displays = codes.Where(c => c.Display is not null).ToImmutableDictionary(c => c.Code, c => c.Display!),
        };

    [Fact]
    public void Two_separately_built_copies_of_a_concept_are_equal_with_equal_hashes()
    {
        var first = Concept("Oxycodone 5 MG", (Oxycodone, "oxycodone hydrochloride 5 MG Oral Tablet"), (Snomed, null));
        var refill = Concept("Oxycodone 5 MG", (Oxycodone, "oxycodone hydrochloride 5 MG Oral Tablet"), (Snomed, null));

        Assert.NotSame(first, refill);
        Assert.True(ConceptComparer.Instance.Equals(first, refill));
        Assert.Equal(ConceptComparer.Instance.GetHashCode(first), ConceptComparer.Instance.GetHashCode(refill));
    }

    [Fact]
    public void Concepts_differing_in_text_display_code_or_code_order_are_not_equal()
    {
        var concept = Concept("Oxycodone 5 MG", (Oxycodone, "oxycodone 5 MG"), (Snomed, null));

        Assert.False(ConceptComparer.Instance.Equals(concept, Concept("Oxycodone 10 MG", (Oxycodone, "oxycodone 5 MG"), (Snomed, null))));
        Assert.False(ConceptComparer.Instance.Equals(concept, Concept("Oxycodone 5 MG", (Oxycodone, "12 HR oxycodone 5 MG Extended Release"), (Snomed, null))));
        Assert.False(ConceptComparer.Instance.Equals(concept, Concept("Oxycodone 5 MG", (Oxycodone, "oxycodone 5 MG"))));
        Assert.False(ConceptComparer.Instance.Equals(concept, Concept("Oxycodone 5 MG", (Snomed, null), (Oxycodone, "oxycodone 5 MG"))));
        Assert.False(ConceptComparer.Instance.Equals(concept, Concept("Oxycodone 5 MG", (Oxycodone, "oxycodone 5 MG"), (Snomed, "Oxycodone"))));
        Assert.False(ConceptComparer.Instance.Equals(concept, null));
    }

    [Fact]
    public void A_display_of_a_code_the_concept_does_not_carry_counts()
    {
        var plain = new CodedText([Oxycodone], null);
        var extra = plain with { Displays = ImmutableDictionary<Code, string>.Empty.Add(Snomed, "12 HR Extended Release") };
        var other = plain with { Displays = ImmutableDictionary<Code, string>.Empty.Add(Snomed, "Oral Tablet") };

        Assert.False(ConceptComparer.Instance.Equals(plain, extra));
        Assert.False(ConceptComparer.Instance.Equals(extra, other));
        Assert.True(ConceptComparer.Instance.Equals(extra, plain with { Displays = ImmutableDictionary<Code, string>.Empty.Add(Snomed, "12 HR Extended Release") }));

        // The same display under the concept's own code is another concept, whichever side carries which.
        var own = plain with { Displays = ImmutableDictionary<Code, string>.Empty.Add(Oxycodone, "12 HR Extended Release") };
        Assert.False(ConceptComparer.Instance.Equals(extra, own));
        Assert.False(ConceptComparer.Instance.Equals(own, extra));
        Assert.True(ConceptComparer.Instance.Equals(own, plain with { Displays = ImmutableDictionary<Code, string>.Empty.Add(Oxycodone, "12 HR Extended Release") }));
    }

    [Fact]
    public void An_uncoded_concept_is_told_apart_by_its_text()
    {
        Assert.True(ConceptComparer.Instance.Equals(new CodedText([], "Sertraline 100MG"), new CodedText([], "Sertraline 100MG")));
        Assert.False(ConceptComparer.Instance.Equals(new CodedText([], "Sertraline 100MG"), new CodedText([], "Sertraline 50MG")));
        Assert.True(ConceptComparer.Instance.Equals(new CodedText(default, "x"), new CodedText([], "x")));
    }
}
