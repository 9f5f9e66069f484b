using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// What issue 6 section 2 had left (knowledge-review-safety.md §16): NSAIDs in the peri-operative setting of CABG (a
/// procedure-based factor), leflunomide's washout when it was stopped or a pregnancy is wanted, the mycophenolate blood
/// count schedule of its label, and a lymphocyte count before a JAK inhibitor.
/// </summary>
public class Section2LeftoverTests
{
    private const string Cabg = "232717009";
    private const string EmergencyCabg = "414088005";
    private const string Pci = "415070008";
    private const string Aspirin = "1191";
    private const string MycophenolateMofetil = "68149";
    private const string Tofacitinib = "1357536";
    private const string PregnancyIntention = "86645-9";
    private const string Lymphocytes = "731-0";
    private const string Hemoglobin = "718-7";

    private static CautionFinding? Caution(PatientBuilder patient, string ruleId) =>
        Assess(patient).Safety.Cautions.SingleOrDefault(c => c.RuleId == ruleId);

    // ---------------------------------------------------------------- NSAID after CABG (boxed: contraindicated)

    [Theory]
    [InlineData(Cabg)]
    [InlineData(EmergencyCabg)]
    public void An_nsaid_within_14_days_of_a_cabg_is_contraindicated_and_names_the_procedure(string code)
    {
        var patient = new PatientBuilder().Aged(66).WithProcedure(CodeSystems.Snomed, code, AsOf.PlusDays(-5))
            .WithMedication(Rx.Naproxen, "naproxen", MedicationUse.Proposed, AsOf);

        var caution = Caution(patient, "nsaid-cabg-perioperative");

        Assert.NotNull(caution);
        Assert.Equal(CautionSeverity.Contraindicated, caution.Severity);
        Assert.True(caution.BoxedWarning);
        Assert.Equal("procedure", caution.Criterion);
        Assert.Contains(caution.Facts, f => f.ResourceType == "Procedure" && f.Date == AsOf.PlusDays(-5));
    }

    [Fact]
    public void A_cabg_on_the_14th_day_still_counts_and_one_on_the_15th_does_not()
    {
        PatientBuilder After(int days) => new PatientBuilder().Aged(66).WithProcedure(CodeSystems.Snomed, Cabg, AsOf.PlusDays(-days))
            .WithMedication(Rx.Ibuprofen, "ibuprofen", MedicationUse.Proposed, AsOf);

        Assert.NotNull(Caution(After(14), "nsaid-cabg-perioperative"));
        Assert.Null(Caution(After(15), "nsaid-cabg-perioperative"));
    }

    [Fact]
    public void An_old_graft_coded_as_status_z95_1_alone_does_not_fire()
    {
        var patient = new PatientBuilder().Aged(66).WithCondition(CodeSystems.Icd10Cm, "Z95.1", "Presence of aortocoronary bypass graft")
            .WithMedication(Rx.Naproxen, "naproxen", MedicationUse.Proposed, AsOf);

        Assert.Null(Caution(patient, "nsaid-cabg-perioperative"));
    }

    [Fact]
    public void Aspirin_a_coronary_stent_a_cabg_not_done_and_one_dated_after_the_assessment_do_not_fire()
    {
        Assert.Null(Caution(new PatientBuilder().Aged(66).WithProcedure(CodeSystems.Snomed, Cabg, AsOf.PlusDays(-3))
            .WithMedication(Aspirin, "aspirin", MedicationUse.Proposed, AsOf), "nsaid-cabg-perioperative"));
        Assert.Null(Caution(new PatientBuilder().Aged(66).WithProcedure(CodeSystems.Snomed, Pci, AsOf.PlusDays(-3))
            .WithMedication(Rx.Naproxen, "naproxen", MedicationUse.Proposed, AsOf), "nsaid-cabg-perioperative"));
        Assert.Null(Caution(new PatientBuilder().Aged(66).WithProcedure(CodeSystems.Snomed, Cabg, AsOf.PlusDays(-3), status: "not-done")
            .WithMedication(Rx.Naproxen, "naproxen", MedicationUse.Proposed, AsOf), "nsaid-cabg-perioperative"));
        Assert.Null(Caution(new PatientBuilder().Aged(66).WithProcedure(CodeSystems.Snomed, Cabg, AsOf.PlusDays(3))
            .WithMedication(Rx.Naproxen, "naproxen", MedicationUse.Proposed, AsOf), "nsaid-cabg-perioperative"));
    }

    // ---------------------------------------------------------------- leflunomide washout

    private static PatientBuilder Woman() => new PatientBuilder().Aged(32).WithSex(AdministrativeSex.Female);

    [Theory]
    [InlineData(CodeSystems.Loinc, "LA26438-4", "Yes, I want to become pregnant")]
    [InlineData(CodeSystems.Snomed, "454411000124108", "Wants to become pregnant (finding)")]
    public void Current_leflunomide_with_a_wish_to_become_pregnant_asks_for_the_elimination_procedure(string system, string code, string display)
    {
        var patient = Woman().WithMedication(Rx.Leflunomide, "leflunomide", start: Date(2025, 1, 1))
            .WithCodedResult(PregnancyIntention, system, code, display, AsOf.PlusDays(-30));

        var caution = Caution(patient, "leflunomide-pregnancy-plan");

        Assert.NotNull(caution);
        Assert.Equal(CautionSeverity.Avoid, caution.Severity);
        Assert.Contains("cholestyramine 8 g three times daily for 11 days", caution.Action, StringComparison.Ordinal);
        Assert.Contains("0.02 mg/L", caution.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_wanting_a_pregnancy_or_an_old_answer_does_not_fire()
    {
        Assert.Null(Caution(Woman().WithMedication(Rx.Leflunomide, "leflunomide", start: Date(2025, 1, 1))
            .WithCodedResult(PregnancyIntention, CodeSystems.Loinc, "LA26440-0", "No, I don't want to become pregnant", AsOf.PlusDays(-30)), "leflunomide-pregnancy-plan"));
        Assert.Null(Caution(Woman().WithMedication(Rx.Leflunomide, "leflunomide", start: Date(2023, 1, 1))
            .WithCodedResult(PregnancyIntention, CodeSystems.Loinc, "LA26438-4", "Yes, I want to become pregnant", AsOf.PlusDays(-400)), "leflunomide-pregnancy-plan"));
    }

    [Fact]
    public void A_pregnancy_within_two_years_of_stopping_leflunomide_asks_for_teriflunomide_and_elimination()
    {
        var patient = Woman().WithCondition(CodeSystems.Icd10Cm, "Z34.01", "Normal first pregnancy", onset: AsOf.PlusDays(-40))
            .WithMedication(Rx.Leflunomide, "leflunomide", MedicationUse.Past, Date(2024, 1, 1), AsOf.PlusDays(-200));

        var caution = Caution(patient, "leflunomide-stopped-pregnancy");

        Assert.NotNull(caution);
        Assert.Equal(CautionSeverity.Avoid, caution.Severity);
        Assert.Contains(caution.Facts, f => f.ResourceType == "MedicationRequest" || f.ResourceType == "MedicationStatement");
        Assert.Contains(caution.Notes, n => n.Contains("stopped on", StringComparison.Ordinal) && n.Contains("730 days", StringComparison.Ordinal));
        Assert.Null(Caution(patient, "leflunomide-pregnancy"));
    }

    [Fact]
    public void Leflunomide_stopped_more_than_two_years_ago_or_no_pregnancy_gives_no_washout_finding()
    {
        Assert.Null(Caution(Woman().WithCondition(CodeSystems.Icd10Cm, "Z34.01", "Normal first pregnancy", onset: AsOf.PlusDays(-40))
            .WithMedication(Rx.Leflunomide, "leflunomide", MedicationUse.Past, Date(2022, 1, 1), AsOf.PlusDays(-800)), "leflunomide-stopped-pregnancy"));
        var noPregnancy = Assess(Woman().WithMedication(Rx.Leflunomide, "leflunomide", MedicationUse.Past, Date(2024, 1, 1), AsOf.PlusDays(-200)));
        Assert.DoesNotContain(noPregnancy.Safety.Cautions, c => c.RuleId.StartsWith("leflunomide-", StringComparison.Ordinal));
    }

    [Fact]
    public void Current_leflunomide_in_pregnancy_is_the_contraindication_not_the_stopped_rule()
    {
        var assessment = Assess(Woman().WithCondition(CodeSystems.Icd10Cm, "Z34.01", "Normal first pregnancy", onset: AsOf.PlusDays(-40))
            .WithMedication(Rx.Leflunomide, "leflunomide", MedicationUse.Past, Date(2024, 1, 1), AsOf.PlusDays(-300))
            .WithMedication(Rx.Leflunomide, "leflunomide", start: AsOf.PlusDays(-60)));

        Assert.Contains(assessment.Safety.Cautions, c => c.RuleId == "leflunomide-pregnancy" && c.Severity == CautionSeverity.Contraindicated);
        Assert.DoesNotContain(assessment.Safety.Cautions, c => c.RuleId == "leflunomide-stopped-pregnancy");
    }

    [Fact]
    public void Assisted_reproduction_after_stopping_leflunomide_is_a_caution_before_conception()
    {
        var patient = Woman().WithCondition(CodeSystems.Icd10Cm, "Z31.83", "Encounter for assisted reproductive fertility procedure cycle", onset: AsOf.PlusDays(-20))
            .WithMedication(Rx.Leflunomide, "leflunomide", MedicationUse.Past, Date(2025, 1, 1), AsOf.PlusDays(-90));

        var caution = Caution(patient, "leflunomide-stopped-pregnancy-plan");

        Assert.NotNull(caution);
        Assert.Equal(CautionSeverity.Caution, caution.Severity);
    }

    // ---------------------------------------------------------------- mycophenolate counts; JAK inhibitor lymphocytes

    private static PatientBuilder OnMycophenolate(int startedDaysAgo, int lastCountDaysAgo)
    {
        var start = AsOf.PlusDays(-startedDaysAgo);
        var counted = AsOf.PlusDays(-lastCountDaysAgo);
        return new PatientBuilder().Aged(45).WithMedication(MycophenolateMofetil, "mycophenolate mofetil", start: start)
            .WithResult(Loinc.Wbc, 6.0m, "10*3/uL", counted).WithResult(Loinc.Neutrophils, 3.5m, "10*3/uL", counted)
            .WithResult(Loinc.Platelets, 250, "10*3/uL", counted).WithResult(Hemoglobin, 130, "g/L", counted);
    }

    private static bool Overdue(PatientBuilder patient) =>
        Assess(patient).Monitoring.Any(f => f.RuleId == "mycophenolate/schedule/wbc" && f.Kind == MonitoringFindingKind.Overdue);

    [Fact]
    public void Mycophenolate_counts_are_weekly_in_the_first_month()
    {
        // Week 2: last count 11 days ago, due 4 days ago, 3 grace days over.
        Assert.True(Overdue(OnMycophenolate(startedDaysAgo: 20, lastCountDaysAgo: 11)));
        Assert.False(Overdue(OnMycophenolate(startedDaysAgo: 20, lastCountDaysAgo: 6)));
    }

    [Fact]
    public void Mycophenolate_counts_are_twice_monthly_in_months_two_and_three_and_monthly_to_a_year()
    {
        Assert.False(Overdue(OnMycophenolate(startedDaysAgo: 60, lastCountDaysAgo: 12)));
        Assert.True(Overdue(OnMycophenolate(startedDaysAgo: 60, lastCountDaysAgo: 20)));
        Assert.False(Overdue(OnMycophenolate(startedDaysAgo: 200, lastCountDaysAgo: 25)));
        Assert.True(Overdue(OnMycophenolate(startedDaysAgo: 200, lastCountDaysAgo: 35)));
    }

    [Fact]
    public void After_the_first_year_a_three_monthly_count_is_on_time()
    {
        Assert.False(Overdue(OnMycophenolate(startedDaysAgo: 500, lastCountDaysAgo: 60)));
        Assert.True(Overdue(OnMycophenolate(startedDaysAgo: 500, lastCountDaysAgo: 100)));
    }

    [Fact]
    public void A_jak_inhibitor_needs_a_lymphocyte_count_before_starting()
    {
        PatientBuilder Proposed() => new PatientBuilder().Aged(50)
            .WithResult(Loinc.Neutrophils, 3.5m, "10*3/uL", AsOf.PlusDays(-10)).WithResult(Hemoglobin, 130, "g/L", AsOf.PlusDays(-10))
            .WithMedication(Tofacitinib, "tofacitinib", MedicationUse.Proposed, AsOf);

        var missing = Assess(Proposed()).Monitoring.SingleOrDefault(f => f.RuleId == "jak-inhibitor/baseline-3");
        Assert.NotNull(missing);
        Assert.Equal(MonitoringFindingKind.BaselineMissing, missing.Kind);
        Assert.Contains("lymphocytes", missing.TestIds);

        Assert.DoesNotContain(
            Assess(Proposed().WithResult(Lymphocytes, 1.8m, "10*3/uL", AsOf.PlusDays(-10))).Monitoring,
            f => f.RuleId == "jak-inhibitor/baseline-3");
    }
}
