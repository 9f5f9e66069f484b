using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>CNS depressants at any age and the contraindicated SSRI pairs (issue 6, section 2).</summary>
public class CnsDepressantPairTests
{
    private static InteractionSeverity? Severity(string ruleId, string a, string b, int age = 40) =>
        Assess(new PatientBuilder().Aged(age).WithMedication(a, "a").WithMedication(b, "b", MedicationUse.Proposed, AsOf))
            .Safety.Interactions.SingleOrDefault(i => i.RuleId == ruleId)?.Severity;

    [Theory]
    [InlineData("gabapentinoid-benzodiazepine", Rx.Pregabalin, Rx.Lorazepam, InteractionSeverity.Major)]
    [InlineData("gabapentinoid-benzodiazepine", Rx.Gabapentin, Rx.Clonazepam, InteractionSeverity.Major)]
    [InlineData("opioid-skeletal-muscle-relaxant", Rx.Oxycodone, Rx.Cyclobenzaprine, InteractionSeverity.Major)]
    [InlineData("sertraline-pimozide", Rx.Sertraline, "8331", InteractionSeverity.Contraindicated)]
    [InlineData("fluvoxamine-thioridazine-pimozide", "42355", "10502", InteractionSeverity.Contraindicated)]
    [InlineData("bupropion-tricyclic", "42347", Rx.Amitriptyline, InteractionSeverity.Moderate)]
    public void The_pair_fires_at_any_age_with_its_label_grade(string rule, string a, string b, InteractionSeverity severity)
    {
        Assert.Equal(severity, Severity(rule, a, b, age: 40));
    }

    [Fact]
    public void A_gabapentinoid_with_an_ssri_is_not_a_cns_depressant_pair()
    {
        Assert.Null(Severity("gabapentinoid-benzodiazepine", Rx.Pregabalin, Rx.Sertraline));
    }
}
