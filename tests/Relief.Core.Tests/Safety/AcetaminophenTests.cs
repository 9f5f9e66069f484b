using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>Acetaminophen summed over every product that contains it (issue 6, section 2), lower with liver disease or alcohol.</summary>
public class AcetaminophenTests
{
    private const string Acetaminophen = "161";
    private const string Tablet500 = "Acetaminophen 500 MG Oral Tablet";
    private const string Percocet = "Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet";

    private static IEnumerable<string> AcetaminophenRules(PatientBuilder patient) =>
        Assess(patient).Safety.Doses.Select(d => d.RuleId).Where(r => r.StartsWith("acetaminophen", StringComparison.Ordinal));

    [Fact]
    public void Three_grams_a_day_in_a_40_year_old_is_fine()
    {
        Assert.Empty(AcetaminophenRules(new PatientBuilder().Aged(40).WithNamedMedication(Tablet500, dosage: Dose.Of(2, "tablet", 3, 1, "d"))));
    }

    [Fact]
    public void Paracetamol_alone_and_in_an_opioid_combination_add_up_past_4_g()
    {
        // 500 mg x 2 x 3/day = 3,000 mg + 325 mg x 2 x 4/day = 2,600 mg: 5,600 mg/day.
        var patient = new PatientBuilder().Aged(40)
            .WithNamedMedication(Tablet500, dosage: Dose.Of(2, "tablet", 3, 1, "d"))
            .WithNamedMedication(Percocet, dosage: Dose.Of(2, "tablet", 4, 1, "d"));

        var finding = Assert.Single(Assess(patient).Safety.Doses, d => d.RuleId == "acetaminophen-max");
        Assert.Equal(5600m, finding.Computed.Value);
    }

    [Fact]
    public void Three_grams_a_day_with_cirrhosis_or_alcohol_dependence_breaks_the_lower_limit()
    {
        PatientBuilder Patient() => new PatientBuilder().Aged(40).WithNamedMedication(Tablet500, dosage: Dose.Of(2, "tablet", 3, 1, "d"));

        Assert.Equal(["acetaminophen-liver-max"], AcetaminophenRules(Patient().WithCondition(CodeSystems.Icd10Cm, "K74.60", "Cirrhosis of liver")));
        Assert.Equal(["acetaminophen-alcohol-max"], AcetaminophenRules(Patient().WithCondition(CodeSystems.Icd10Cm, "F10.20", "Alcohol dependence")));
    }

    [Fact]
    public void Monthly_refills_of_the_same_product_are_not_added_together()
    {
        var patient = new PatientBuilder().Aged(40);
        for (var month = 1; month <= 6; month++)
        {
            patient.WithNamedMedication(Tablet500, MedicationUse.Current, Date(2026, month, 1), dosage: Dose.Of(2, "tablet", 3, 1, "d"));
        }

        Assert.Empty(AcetaminophenRules(patient));
    }
}
