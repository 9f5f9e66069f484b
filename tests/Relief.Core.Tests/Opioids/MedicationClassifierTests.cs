using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Opioids;
using Relief.Core.Patients;

namespace Relief.Core.Tests.Opioids;

/// <summary>
/// The classifier remembers a concept's group membership (refills repeat the same concept); what it remembers must
/// be keyed by everything membership reads, so a concept that differs only in text or in a code's display is
/// classified on its own and not given a cached answer.
/// </summary>
public class MedicationClassifierTests
{
    private static readonly Code Unlisted = new(CodeSystems.RxNorm, "0");

    private static MedicationFact Order(CodedText medication) =>
        new MedicationFact
        {
            ResourceId = "med-1",
            ResourceType = "MedicationRequest",
            Medication = medication,
            Use = MedicationUse.Current,
            Status = "active",
            Intent = "order",
            Start = PatientBuilder.AsOf,
            End = null,
        };

    private static CodedText Displayed(string display) =>
        new([Unlisted], null) { Displays = ImmutableDictionary<Code, string>.Empty.Add(Unlisted, display) };

    [Fact]
    public void A_concept_differing_only_in_its_display_is_classified_on_its_own()
    {
        var classifier = new MedicationClassifier(TestKnowledge.Real);
        var immediate = classifier.Classify(Order(Displayed("oxycodone hydrochloride 5 MG Oral Tablet")));
        var extended = classifier.Classify(Order(Displayed("12 HR Oxycodone Hydrochloride 10 MG Extended Release Oral Tablet")));

        Assert.True(immediate.IsOpioid);
        Assert.False(immediate.IsExtendedRelease);
        Assert.True(extended.IsExtendedRelease);
    }

    [Fact]
    public void A_concept_differing_only_in_its_text_is_classified_on_its_own()
    {
        var classifier = new MedicationClassifier(TestKnowledge.Real);
        var benzodiazepine = classifier.Classify(Order(new CodedText([], "temazepam 15 MG Oral Capsule")));
        var opioid = classifier.Classify(Order(new CodedText([], "morphine sulfate 15 MG Oral Tablet")));

        Assert.True(benzodiazepine.IsBenzodiazepine);
        Assert.False(benzodiazepine.IsOpioid);
        Assert.True(opioid.IsOpioid);
        Assert.False(opioid.IsBenzodiazepine);
    }

    [Fact]
    public void The_same_concept_twice_gets_the_same_membership()
    {
        var classifier = new MedicationClassifier(TestKnowledge.Real);
        var first = classifier.Classify(Order(Displayed("12 HR Oxycodone Hydrochloride 10 MG Extended Release Oral Tablet")));
        var again = classifier.Classify(Order(Displayed("12 HR Oxycodone Hydrochloride 10 MG Extended Release Oral Tablet")));

        Assert.Equal(first.IsOpioid, again.IsOpioid);
        Assert.Equal(first.IsExtendedRelease, again.IsExtendedRelease);
        Assert.Equal(first.Ingredients, again.Ingredients);
    }
}
