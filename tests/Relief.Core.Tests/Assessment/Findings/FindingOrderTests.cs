using System.Collections.Immutable;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Patients;
using Relief.Core.Tests.Safety;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Assessment.Findings;

/// <summary>
/// The one order (FindingOrder) and what the projection adds for front ends: ingredient ids on monitoring
/// findings, a rule id on response findings, no terminology as a source.
/// </summary>
public class FindingOrderTests
{
    private static Finding Make(Severity severity, bool highPriority = false, bool unchecked_ = false, FindingFamily family = FindingFamily.Caution, string rule = "r", string key = "k") => new()
    {
        Family = family,
        RuleId = rule,
        Severity = severity,
        Kind = "x",
        Title = "t",
        HighPriority = highPriority,
        Unchecked = unchecked_,
        Key = key,
    };

    [Fact]
    public void Contraindicated_comes_before_major_and_major_before_moderate_and_info()
    {
        Finding[] findings = [Make(Severity.Info), Make(Severity.Moderate), Make(Severity.Contraindicated), Make(Severity.Major)];

        var ordered = findings.Order(FindingOrder.Instance).Select(f => f.Severity);

        Assert.Equal([Severity.Contraindicated, Severity.Major, Severity.Moderate, Severity.Info], ordered);
    }

    [Fact]
    public void Within_a_severity_a_boxed_warning_or_onc_pair_comes_before_a_beers_avoid()
    {
        var beersAvoid = Make(Severity.Major, rule: "a-beers-avoid");
        var boxed = Make(Severity.Major, highPriority: true, rule: "z-boxed");

        Assert.Equal([boxed, beersAvoid], new[] { beersAvoid, boxed }.Order(FindingOrder.Instance));
    }

    [Fact]
    public void What_could_not_be_judged_comes_after_what_was_judged_at_the_same_severity()
    {
        var judged = Make(Severity.Info, family: FindingFamily.Response, rule: "z");
        var notJudged = Make(Severity.Info, unchecked_: true, family: FindingFamily.Caution, rule: "a");

        Assert.Equal([judged, notJudged], new[] { notJudged, judged }.Order(FindingOrder.Instance));
    }

    [Fact]
    public void The_order_is_total_so_equal_findings_differ_only_by_key()
    {
        var a = Make(Severity.Major, key: "a");
        var b = Make(Severity.Major, key: "b");

        Assert.True(FindingOrder.Instance.Compare(a, b) < 0);
        Assert.True(FindingOrder.Instance.Compare(b, a) > 0);
        Assert.Equal(0, FindingOrder.Instance.Compare(a, a with { }));
    }

    [Fact]
    public void Monitoring_findings_name_the_ingredients_they_concern()
    {
        var patient = new PatientBuilder()
            .WithMedication(Rx.Methotrexate, "methotrexate 2.5 MG", start: Date(2026, 1, 1), dosage: Dose.Of(15, "mg", 1, 1, "wk"))
            .WithResult(Loinc.Wbc, 3.1m, "10*3/uL", Date(2026, 11, 16));

        var assessment = Assess(patient);

        var monitoring = assessment.Findings.Where(f => f.Family == FindingFamily.Monitoring).ToList();
        Assert.NotEmpty(monitoring);
        Assert.All(monitoring, f => Assert.Equal(["methotrexate"], f.IngredientIds.ToArray()));
        Assert.All(assessment.Monitoring, m => Assert.Equal(["methotrexate"], m.IngredientIds.ToArray()));
    }

    [Fact]
    public void Response_findings_carry_a_rule_id_and_a_severity_from_the_decision()
    {
        var patient = new PatientBuilder()
            .WithCondition(Relief.Core.Codes.CodeSystems.Snomed, "247398009", "Neuropathic pain")
            .WithMedication(Rx.Gabapentin, "gabapentin 300 MG", start: Date(2026, 5, 1), dosage: Dose.MgDaily(300, 3))
            .WithResult(Loinc.PainNrs, 7, "{score}", Date(2026, 4, 28))
            .WithResult(Loinc.PainNrs, 7, "{score}", Date(2026, 11, 1));

        var assessment = Assess(patient);

        var detail = Assert.Single(assessment.Response);
        var finding = Assert.Single(assessment.Findings, f => f.Family == FindingFamily.Response);
        Assert.Equal(detail.RuleId, finding.RuleId);
        Assert.False(string.IsNullOrEmpty(finding.RuleId));
        Assert.Equal(SeverityScale.Of(detail.Decision), finding.Severity);
        Assert.Equal(Severity.Moderate, finding.Severity);
    }

    [Fact]
    public void Findings_never_cite_a_terminology_as_the_reason_for_advice()
    {
        var patient = new PatientBuilder()
            .WithCondition(Relief.Core.Codes.CodeSystems.Snomed, "247398009", "Neuropathic pain")
            .WithMedication(Rx.Gabapentin, "gabapentin 300 MG", start: Date(2026, 5, 1), dosage: Dose.MgDaily(300, 3))
            .WithResult(Loinc.PainNrs, 7, "{score}", Date(2026, 4, 28))
            .WithResult(Loinc.PainNrs, 7, "{score}", Date(2026, 11, 1));

        var assessment = Assess(patient);

        // The response detail cites the instrument's code system (LOINC); the finding cites only the clinical sources.
        Assert.Contains(assessment.Response.SelectMany(r => r.Sources), s => s.Kind == "terminology");
        Assert.DoesNotContain(assessment.Findings.SelectMany(f => f.Sources), s => s.Kind == "terminology");
        Assert.NotEmpty(assessment.Findings.Single(f => f.Family == FindingFamily.Response).Sources);
    }
}
