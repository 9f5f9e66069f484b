using Relief.Core.Codes;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// A documented leflunomide washout (Arava label: teriflunomide below 0.02 mg/L on two tests at least 14 days apart; LOINC
/// 44828-2) switches off the stopped-leflunomide pregnancy cautions (knowledge-review-safety.md §16.3). One test, a level
/// at or above the limit, or a level in between that is not below it leaves them on.
/// </summary>
public class LeflunomideWashoutTests
{
    private const string Teriflunomide = "44828-2";

    private static PatientBuilder PregnantAfterLeflunomide() =>
        new PatientBuilder().Aged(32).WithSex(AdministrativeSex.Female)
            .WithCondition(CodeSystems.Icd10Cm, "Z34.01", "Normal first pregnancy", onset: AsOf.PlusDays(-40))
            .WithMedication(Rx.Leflunomide, "leflunomide", MedicationUse.Past, Date(2024, 1, 1), AsOf.PlusDays(-200));

    private static bool Fires(PatientBuilder patient) =>
        Assess(patient).Safety.Cautions.Any(c => c.RuleId == "leflunomide-stopped-pregnancy");

    [Fact]
    public void Two_levels_below_0_02_mg_per_l_at_least_14_days_apart_silence_the_caution()
    {
        Assert.False(Fires(PregnantAfterLeflunomide()
            .WithResult(Teriflunomide, 0.01m, "mg/L", AsOf.PlusDays(-120)).WithResult(Teriflunomide, 0.012m, "mg/L", AsOf.PlusDays(-100))));

        // The same levels reported in ng/mL (10 and 12 ng/mL = 0.010 and 0.012 mg/L).
        Assert.False(Fires(PregnantAfterLeflunomide()
            .WithResult(Teriflunomide, 10, "ng/mL", AsOf.PlusDays(-120)).WithResult(Teriflunomide, 12, "ng/mL", AsOf.PlusDays(-100))));
    }

    [Fact]
    public void One_level_levels_too_close_together_or_one_at_the_limit_do_not_document_a_washout()
    {
        Assert.True(Fires(PregnantAfterLeflunomide().WithResult(Teriflunomide, 0.01m, "mg/L", AsOf.PlusDays(-100))));
        Assert.True(Fires(PregnantAfterLeflunomide()
            .WithResult(Teriflunomide, 0.01m, "mg/L", AsOf.PlusDays(-110)).WithResult(Teriflunomide, 0.01m, "mg/L", AsOf.PlusDays(-100))));
        Assert.True(Fires(PregnantAfterLeflunomide()
            .WithResult(Teriflunomide, 0.02m, "mg/L", AsOf.PlusDays(-120)).WithResult(Teriflunomide, 0.01m, "mg/L", AsOf.PlusDays(-100))));
        // Latest above the limit after an earlier low pair: not washed out now.
        Assert.True(Fires(PregnantAfterLeflunomide()
            .WithResult(Teriflunomide, 0.01m, "mg/L", AsOf.PlusDays(-150)).WithResult(Teriflunomide, 0.01m, "mg/L", AsOf.PlusDays(-130))
            .WithResult(Teriflunomide, 0.5m, "mg/L", AsOf.PlusDays(-100))));
    }

    [Fact]
    public void A_level_in_between_that_is_not_below_the_limit_breaks_the_pair()
    {
        Assert.True(Fires(PregnantAfterLeflunomide()
            .WithResult(Teriflunomide, 0.01m, "mg/L", AsOf.PlusDays(-130)).WithResult(Teriflunomide, 0.03m, "mg/L", AsOf.PlusDays(-120))
            .WithResult(Teriflunomide, 0.01m, "mg/L", AsOf.PlusDays(-110))));
    }

    [Fact]
    public void The_washout_also_silences_the_planned_pregnancy_caution()
    {
        var planning = new PatientBuilder().Aged(32).WithSex(AdministrativeSex.Female)
            .WithCondition(CodeSystems.Icd10Cm, "Z31.83", "Encounter for assisted reproductive fertility procedure cycle", onset: AsOf.PlusDays(-20))
            .WithMedication(Rx.Leflunomide, "leflunomide", MedicationUse.Past, Date(2025, 1, 1), AsOf.PlusDays(-90));

        Assert.Contains(Assess(planning).Safety.Cautions, c => c.RuleId == "leflunomide-stopped-pregnancy-plan");
        Assert.DoesNotContain(
            Assess(planning.WithResult(Teriflunomide, 0.01m, "mg/L", AsOf.PlusDays(-60)).WithResult(Teriflunomide, 0.01m, "mg/L", AsOf.PlusDays(-40))).Safety.Cautions,
            c => c.RuleId == "leflunomide-stopped-pregnancy-plan");
    }
}
