using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// Codes confirmed in public value sets this session (knowledge-review-safety.md §16.3): SNOMED CT peptic ulcer, gastric ulcer
/// and GI haemorrhage for the NSAID ulcer factor, and the ingredient RxCUIs of enalapril, ramipril and valsartan (VSAC "ACE
/// Inhibitor or ARB Ingredient"). The medications carry a meaningless display, so only the code can match.
/// </summary>
public class VerifiedCodeTests
{
    private const string Hydrochlorothiazide = "5487";

    [Theory]
    [InlineData("13200003")]
    [InlineData("397825006")]
    [InlineData("74474003")]
    public void A_snomed_only_ulcer_or_gi_bleed_history_brings_the_nsaid_ulcer_caution(string snomed)
    {
        var patient = new PatientBuilder().Aged(45).WithCondition(CodeSystems.Snomed, snomed, "x", ConditionClinicalStatus.Resolved)
            .WithMedication(Rx.Naproxen, "naproxen", MedicationUse.Proposed, AsOf);

        Assert.Contains(Assess(patient).Safety.Cautions, c => c.RuleId == "nsaid-peptic-ulcer-gi-bleeding" && c.Severity == CautionSeverity.Avoid);
    }

    [Fact]
    public void Snomed_reflux_disease_brings_no_ulcer_caution()
    {
        var patient = new PatientBuilder().Aged(45).WithCondition(CodeSystems.Snomed, "235595009", "x")
            .WithMedication(Rx.Naproxen, "naproxen", MedicationUse.Proposed, AsOf);

        Assert.DoesNotContain(Assess(patient).Safety.Cautions, c => c.RuleId == "nsaid-peptic-ulcer-gi-bleeding");
    }

    [Theory]
    [InlineData("3827")]
    [InlineData("35296")]
    [InlineData("69749")]
    public void Enalapril_ramipril_and_valsartan_are_read_by_their_rxcui(string rxcui)
    {
        var patient = new PatientBuilder().Aged(60).WithMedication(rxcui, "x").WithMedication(Hydrochlorothiazide, "x")
            .WithMedication(Rx.Ibuprofen, "x", MedicationUse.Proposed, AsOf);

        Assert.Contains(Assess(patient).Safety.Interactions, i => i.RuleId == "nsaid-acei-arb-diuretic");
    }
}
