using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// Hydroxychloroquine retinopathy screening (AAO 2016; knowledge-review-safety.md §16.1): a procedure-based monitoring
/// item. A retinal examination is due once within the first year of use, nothing is due until year 5, then every year;
/// an examination up to a year before the start counts, and 30 days of grace are a local convention.
/// </summary>
public class RetinalScreeningTests
{
    private const string Hydroxychloroquine = "5521";
    private const string ExaminationOfRetina = "274798009";
    private const string RetinalOct = "700070005";
    private const string Rule = "hydroxychloroquine/procedure/retinal-examination";

    private static PatientBuilder OnHydroxychloroquine(int startedDaysAgo) =>
        new PatientBuilder().Aged(48).WithMedication(Hydroxychloroquine, "hydroxychloroquine", start: AsOf.PlusDays(-startedDaysAgo));

    private static MonitoringFinding? Screen(PatientBuilder patient) =>
        Assess(patient).Monitoring.SingleOrDefault(f => f.RuleId == Rule);

    [Fact]
    public void No_examination_in_the_first_year_is_overdue_after_the_year_and_its_grace()
    {
        // Week 52 ends 364 days after the start; 30 days of grace.
        var finding = Screen(OnHydroxychloroquine(startedDaysAgo: 400));

        Assert.NotNull(finding);
        Assert.Equal(MonitoringFindingKind.Overdue, finding.Kind);
        Assert.Equal(AsOf.PlusDays(-400).PlusWeeks(52), finding.DueDate);
        Assert.Null(finding.LastResult);
        Assert.Contains("retinal-examination", finding.TestIds);
        Assert.Contains(finding.Sources, s => s.Id == "aao-2016-hcq");
        Assert.Equal(Severity.Moderate, SeverityScale.Of(finding.Kind, finding.Action));
    }

    [Fact]
    public void Nothing_is_due_during_the_first_year_or_within_the_grace_after_it()
    {
        Assert.Null(Screen(OnHydroxychloroquine(startedDaysAgo: 200)));
        Assert.Null(Screen(OnHydroxychloroquine(startedDaysAgo: 390)));
    }

    [Fact]
    public void A_baseline_examination_in_year_one_or_just_before_the_start_satisfies_it_until_year_five()
    {
        Assert.Null(Screen(OnHydroxychloroquine(startedDaysAgo: 1000).WithProcedure(CodeSystems.Snomed, ExaminationOfRetina, AsOf.PlusDays(-900))));
        Assert.Null(Screen(OnHydroxychloroquine(startedDaysAgo: 1000).WithProcedure(CodeSystems.Snomed, RetinalOct, AsOf.PlusDays(-1200))));
        Assert.Null(Screen(OnHydroxychloroquine(startedDaysAgo: 1800).WithProcedure(CodeSystems.Snomed, ExaminationOfRetina, AsOf.PlusDays(-1700))));
    }

    [Fact]
    public void An_examination_long_before_the_start_a_procedure_not_done_or_an_unrelated_code_does_not_count()
    {
        Assert.NotNull(Screen(OnHydroxychloroquine(startedDaysAgo: 500).WithProcedure(CodeSystems.Snomed, ExaminationOfRetina, AsOf.PlusDays(-900))));
        Assert.NotNull(Screen(OnHydroxychloroquine(startedDaysAgo: 500).WithProcedure(CodeSystems.Snomed, ExaminationOfRetina, AsOf.PlusDays(-300), status: "not-done")));
        // Coronary artery bypass grafting: a procedure, but not an eye examination.
        Assert.NotNull(Screen(OnHydroxychloroquine(startedDaysAgo: 500).WithProcedure(CodeSystems.Snomed, "232717009", AsOf.PlusDays(-300))));
    }

    [Fact]
    public void After_five_years_an_examination_is_due_every_year()
    {
        // Started ~6 years ago, baseline done in year 1 only: the year-5 screen is overdue, due at week 260.
        var start = AsOf.PlusDays(-2200);
        var finding = Screen(OnHydroxychloroquine(startedDaysAgo: 2200).WithProcedure(CodeSystems.Snomed, ExaminationOfRetina, AsOf.PlusDays(-2100)));

        Assert.NotNull(finding);
        Assert.Equal(start.PlusWeeks(260), finding.DueDate);
        Assert.Equal(AsOf.PlusDays(-2100), finding.LastResult);

        // Examined 10 months ago: the next is due 52 weeks after it, not yet.
        Assert.Null(Screen(OnHydroxychloroquine(startedDaysAgo: 2200).WithProcedure(CodeSystems.Snomed, RetinalOct, AsOf.PlusDays(-300))));

        // Examined 14 months ago: overdue, due 52 weeks after that examination.
        var late = Screen(OnHydroxychloroquine(startedDaysAgo: 2200).WithProcedure(CodeSystems.Snomed, RetinalOct, AsOf.PlusDays(-420)));
        Assert.NotNull(late);
        Assert.Equal(AsOf.PlusDays(-420).PlusWeeks(52), late.DueDate);
    }

    [Fact]
    public void A_proposed_or_stopped_hydroxychloroquine_has_nothing_due()
    {
        Assert.Null(Screen(new PatientBuilder().Aged(48).WithMedication(Hydroxychloroquine, "hydroxychloroquine", MedicationUse.Proposed, AsOf)));
        Assert.Null(Screen(new PatientBuilder().Aged(48).WithMedication(Hydroxychloroquine, "hydroxychloroquine", MedicationUse.Past, AsOf.PlusDays(-2000), AsOf.PlusDays(-100))));
    }

    [Fact]
    public void The_finding_reaches_the_common_finding_shape_as_monitoring_and_says_its_conventions()
    {
        var assessment = Assess(OnHydroxychloroquine(startedDaysAgo: 400));
        var finding = assessment.Findings.Single(f => f.RuleId == Rule);

        Assert.Equal(FindingFamily.Monitoring, finding.Family);
        Assert.Equal(Severity.Moderate, finding.Severity);
        Assert.Contains(finding.Notes, n => n.Contains("grace", StringComparison.Ordinal) && n.Contains("convention", StringComparison.Ordinal));
    }
}
