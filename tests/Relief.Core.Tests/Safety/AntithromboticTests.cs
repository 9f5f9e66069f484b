using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>DOACs and P2Y12 antiplatelets with NSAIDs, SSRIs and SNRIs (issue 6, section 2): bleeding.</summary>
public class AntithromboticTests
{
    private static IEnumerable<(string Rule, InteractionSeverity Severity)> Interactions(PatientBuilder patient) =>
        Assess(patient).Safety.Interactions.Select(i => (i.RuleId, i.Severity));

    [Theory]
    [InlineData("Apixaban 5 MG Oral Tablet")]
    [InlineData("rivaroxaban 20 MG Oral Tablet")]
    [InlineData("edoxaban 60 MG Oral Tablet")]
    [InlineData("dabigatran etexilate 150 MG Oral Capsule")]
    [InlineData("clopidogrel 75 MG Oral Tablet")]
    [InlineData("prasugrel 10 MG Oral Tablet")]
    [InlineData("ticagrelor 90 MG Oral Tablet")]
    public void Each_doac_and_p2y12_inhibitor_with_naproxen_is_a_major_bleeding_interaction(string product)
    {
        var found = Interactions(new PatientBuilder().Aged(60).WithNamedMedication(product).WithMedication(Rx.Naproxen, "naproxen", MedicationUse.Proposed, AsOf));

        Assert.Contains(("antithrombotic-nsaid", InteractionSeverity.Major), found);
    }

    [Fact]
    public void Apixaban_with_sertraline_is_a_moderate_bleeding_interaction()
    {
        Assert.Contains(
            ("antithrombotic-ssri-snri", InteractionSeverity.Moderate),
            Interactions(new PatientBuilder().Aged(60).WithNamedMedication("Apixaban 5 MG Oral Tablet").WithMedication(Rx.Sertraline, "sertraline")));
    }

    [Fact]
    public void Apixaban_alone_or_with_acetaminophen_raises_nothing()
    {
        Assert.Empty(Interactions(new PatientBuilder().Aged(60).WithNamedMedication("Apixaban 5 MG Oral Tablet")));
        Assert.Empty(Interactions(new PatientBuilder().Aged(60).WithNamedMedication("Apixaban 5 MG Oral Tablet").WithNamedMedication("Acetaminophen 500 MG Oral Tablet")));
    }
}
