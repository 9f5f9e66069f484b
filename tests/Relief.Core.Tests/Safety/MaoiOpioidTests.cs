using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// MAOI + opioid (issue 6, 1.1): each opioid is graded from its own US label, every opioid meets exactly one MAOI
/// rule, and no advice names an opioid as the safe choice.
/// </summary>
public class MaoiOpioidTests
{
    private static IEnumerable<InteractionFinding> MaoiFindings(string rxnorm, MedicationUse maoiUse = MedicationUse.Current) =>
        Assess(new PatientBuilder()
                .WithMedication(Rx.Phenelzine, "phenelzine", maoiUse, Date(2026, 1, 1), maoiUse == MedicationUse.Past ? Date(2026, 11, 14) : null)
                .WithMedication(rxnorm, "opioid", MedicationUse.Proposed, AsOf))
            .Safety.Interactions.Where(i => i.RuleId.StartsWith("maoi-", StringComparison.Ordinal));

    // Grades from each label: contraindications section (meperidine, tapentadol, tramadol) or "not recommended /
    // should not be used" (morphine, methadone, fentanyl, oxycodone, hydrocodone). Source: docs/knowledge-review-safety.md 14.1.
    [Theory]
    [InlineData("6754", "maoi-meperidine", InteractionSeverity.Contraindicated, "meperidine-label")]
    [InlineData("787390", "maoi-tapentadol", InteractionSeverity.Contraindicated, "tapentadol-label")]
    [InlineData(Rx.Tramadol, "maoi-tramadol", InteractionSeverity.Contraindicated, "tramadol-label")]
    [InlineData(Rx.Morphine, "maoi-morphine", InteractionSeverity.Major, "morphine-label")]
    [InlineData("6813", "maoi-methadone", InteractionSeverity.Major, "methadone-label")]
    [InlineData(Rx.Fentanyl, "maoi-fentanyl", InteractionSeverity.Major, "fentanyl-label")]
    [InlineData(Rx.Oxycodone, "maoi-oxycodone", InteractionSeverity.Major, "oxycodone-label")]
    [InlineData("5489", "maoi-hydrocodone", InteractionSeverity.Major, "hydrocodone-label")]
    public void Each_opioid_gets_one_maoi_finding_graded_and_sourced_from_its_own_label(string rxnorm, string ruleId, InteractionSeverity severity, string label)
    {
        var finding = Assert.Single(MaoiFindings(rxnorm));

        Assert.Equal(ruleId, finding.RuleId);
        Assert.Equal(severity, finding.Severity);
        Assert.Contains(finding.Sources, s => s.Id == label);
    }

    [Fact]
    public void Meperidine_within_14_days_of_stopping_an_maoi_is_still_contraindicated()
    {
        var finding = Assert.Single(MaoiFindings("6754", MedicationUse.Past));

        Assert.Equal(InteractionSeverity.Contraindicated, finding.Severity);
    }

    [Fact]
    public void Every_opioid_in_the_knowledge_meets_exactly_one_maoi_rule()
    {
        var knowledge = TestKnowledge.Real;
        var opioids = knowledge.Safety.Resolve("opioid-analgesics")
            .Select(id => knowledge.Drugs[id])
            .Where(d => d.RxNorm is not null)
            .ToList();
        Assert.Contains(opioids, d => d.Id == "buprenorphine");

        foreach (var opioid in opioids)
        {
            var rules = MaoiFindings(opioid.RxNorm!).Select(f => f.RuleId).ToList();
            Assert.True(rules.Count == 1, $"{opioid.Id}: {string.Join(", ", rules)}");
        }
    }

    [Fact]
    public void No_maoi_advice_offers_an_opioid_as_the_safe_choice()
    {
        foreach (var interaction in TestKnowledge.Real.Safety.Interactions.Where(i => i.Id.StartsWith("maoi-", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("prefer", interaction.Management, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void An_opioid_without_an_maoi_has_no_maoi_finding()
    {
        Assert.DoesNotContain(
            Assess(new PatientBuilder().WithMedication("6754", "meperidine", MedicationUse.Proposed, AsOf)).Safety.Interactions,
            i => i.RuleId.StartsWith("maoi-", StringComparison.Ordinal));
    }
}
