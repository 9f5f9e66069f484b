using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// Three-way interactions (knowledge-format-safety.md §5.4) and the one the audit asked for: an NSAID with an ACE inhibitor
/// or ARB and a diuretic ("triple whammy", Lapi 2013). Two of the three never fire.
/// </summary>
public class CombinationInteractionTests
{
    private const string Lisinopril = "29046";
    private const string Losartan = "52175";
    private const string Hydrochlorothiazide = "5487";
    private const string Furosemide = "4603";
    private const string Rule = "nsaid-acei-arb-diuretic";

    private static IEnumerable<Relief.Core.Assessment.Safety.InteractionFinding> Findings(PatientBuilder patient) =>
        Assess(patient).Safety.Interactions.Where(i => i.RuleId == Rule);

    [Theory]
    [InlineData(Lisinopril, Hydrochlorothiazide)]
    [InlineData(Losartan, Furosemide)]
    public void An_nsaid_with_an_acei_or_arb_and_a_diuretic_is_major(string raas, string diuretic)
    {
        var finding = Assert.Single(Findings(new PatientBuilder().Aged(60).WithMedication(raas, "raas").WithMedication(diuretic, "diuretic")
            .WithMedication(Rx.Ibuprofen, "ibuprofen", MedicationUse.Proposed, AsOf)));

        Assert.Equal(InteractionSeverity.Major, finding.Severity);
        Assert.Equal(InteractionKind.Combination, finding.Kind);
        Assert.Equal(3, finding.IngredientIds.Length);
        Assert.Equal(3, finding.Facts.Length);
    }

    [Fact]
    public void The_rule_reads_products_by_name_when_the_code_is_absent()
    {
        Assert.Single(Findings(new PatientBuilder().Aged(60).WithNamedMedication("lisinopril 10 MG Oral Tablet")
            .WithNamedMedication("Hydrochlorothiazide 25 MG Oral Tablet").WithMedication(Rx.Naproxen, "naproxen", MedicationUse.Proposed, AsOf)));
    }

    [Theory]
    [InlineData(Lisinopril, Rx.Ibuprofen)]
    [InlineData(Hydrochlorothiazide, Rx.Ibuprofen)]
    [InlineData(Lisinopril, Hydrochlorothiazide)]
    public void Two_of_the_three_do_not_fire(string first, string second)
    {
        Assert.Empty(Findings(new PatientBuilder().Aged(60).WithMedication(first, "first").WithMedication(second, "second", MedicationUse.Proposed, AsOf)));
    }

    [Fact]
    public void Low_dose_aspirin_does_not_complete_the_triple()
    {
        Assert.Empty(Findings(new PatientBuilder().Aged(60).WithMedication(Lisinopril, "lisinopril").WithMedication(Hydrochlorothiazide, "hctz")
            .WithNamedMedication("aspirin 81 MG Oral Tablet")));
    }

    [Fact]
    public void A_stopped_diuretic_does_not_count()
    {
        Assert.Empty(Findings(new PatientBuilder().Aged(60).WithMedication(Lisinopril, "lisinopril")
            .WithMedication(Hydrochlorothiazide, "hctz", MedicationUse.Past, Date(2025, 1, 1), Date(2026, 11, 1))
            .WithMedication(Rx.Ibuprofen, "ibuprofen", MedicationUse.Proposed, AsOf)));
    }

    [Fact]
    public void Two_raas_drugs_with_one_nsaid_and_one_diuretic_are_one_finding_naming_all_four()
    {
        var finding = Assert.Single(Findings(new PatientBuilder().Aged(60).WithMedication(Lisinopril, "lisinopril").WithMedication(Losartan, "losartan")
            .WithMedication(Furosemide, "furosemide").WithMedication(Rx.Ibuprofen, "ibuprofen", MedicationUse.Proposed, AsOf)));

        Assert.Equal(new[] { "furosemide", "ibuprofen", "lisinopril", "losartan" }, finding.IngredientIds.ToArray());
    }
}
