using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>Leflunomide and warfarin in pregnancy; strong CYP3A4 inhibitors with CYP3A4-dependent opioids (issue 6, section 2).</summary>
public class PregnancyAndCyp3a4Tests
{
    private static PatientBuilder PregnantWoman() =>
        new PatientBuilder().Aged(30).WithSex(AdministrativeSex.Female).WithCondition(CodeSystems.Icd10Cm, "Z34.01", "Normal first pregnancy", onset: Date(2026, 9, 1));

    [Theory]
    [InlineData(Rx.Leflunomide, "leflunomide-pregnancy")]
    [InlineData(Rx.Warfarin, "warfarin-pregnancy")]
    public void Leflunomide_and_warfarin_are_contraindicated_in_pregnancy(string rxnorm, string rule)
    {
        var caution = Assert.Single(Assess(PregnantWoman().WithMedication(rxnorm, "drug")).Safety.Cautions, c => c.RuleId == rule);

        Assert.Equal(CautionSeverity.Contraindicated, caution.Severity);
    }

    [Fact]
    public void Leflunomide_without_pregnancy_has_no_pregnancy_caution()
    {
        Assert.DoesNotContain(
            Assess(new PatientBuilder().Aged(30).WithSex(AdministrativeSex.Female).WithMedication(Rx.Leflunomide, "leflunomide")).Safety.Cautions,
            c => c.RuleId == "leflunomide-pregnancy");
    }

    [Theory]
    [InlineData(Rx.Oxycodone, true)]
    [InlineData(Rx.Fentanyl, true)]
    [InlineData(Rx.Morphine, false)]
    public void Ritonavir_with_a_cyp3a4_dependent_opioid_is_major(string opioid, bool fires)
    {
        var interactions = Assess(new PatientBuilder().Aged(40).WithNamedMedication("ritonavir 100 MG Oral Tablet").WithMedication(opioid, "opioid", MedicationUse.Proposed, AsOf)).Safety.Interactions;

        Assert.Equal(fires, interactions.Any(i => i.RuleId == "strong-cyp3a4-inhibitor-opioid" && i.Severity == InteractionSeverity.Major));
    }
}
