using NodaTime;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>Treatment response, decisions and taper guidance (knowledge-format-safety.md §10), with that document's examples and negatives.</summary>
public class ResponseTests
{
    private static ResponseFinding? Response(PatientBuilder patient, string ingredient) =>
        Assess(patient).Response.SingleOrDefault(r => r.IngredientId == ingredient);

    private static PatientBuilder OnDrug(string rxnorm, string name, LocalDate start, params (LocalDate Date, decimal Score)[] scores)
    {
        var patient = new PatientBuilder().WithMedication(rxnorm, name, start: start);
        foreach (var (date, score) in scores)
        {
            patient.WithResult(Loinc.PainNrs, score, "{score}", date);
        }

        return patient;
    }

    [Fact]
    public void Duloxetine_halving_pain_after_11_weeks_is_a_substantial_response_so_continue()
    {
        var finding = Response(OnDrug(Rx.Duloxetine, "duloxetine", Date(2026, 9, 1), (Date(2026, 8, 25), 8), (Date(2026, 11, 15), 4)), "duloxetine");

        Assert.NotNull(finding);
        Assert.Equal(50, finding.ReductionPercent);
        Assert.Equal(4, finding.ReductionPoints);
        Assert.Equal("substantial", finding.BandId);
        Assert.Equal("duloxetine-trial", finding.AdequateTrialId);
        Assert.True(finding.AfterAdequateTrial);
        Assert.Equal(ResponseDecisionKind.Continue, finding.Decision);
        Assert.Equal((Date(2026, 8, 25), Date(2026, 11, 15)), (finding.Baseline.Date!.Value, finding.FollowUp.Date!.Value));
        Assert.Contains(finding.Sources, s => s.Id == "immpact-2008");
        Assert.Empty(finding.Taper);
    }

    [Fact]
    public void Amitriptyline_after_four_and_a_half_weeks_is_too_early_to_judge()
    {
        var finding = Response(OnDrug(Rx.Amitriptyline, "amitriptyline", Date(2026, 10, 20), (Date(2026, 10, 19), 7), (Date(2026, 11, 20), 6)), "amitriptyline");

        Assert.Equal("minimal", finding!.BandId);
        Assert.False(finding.AfterAdequateTrial);
        Assert.Equal(ResponseDecisionKind.TooEarly, finding.Decision);
        Assert.Empty(finding.Taper);
    }

    [Fact]
    public void Gabapentin_with_worse_pain_after_16_weeks_is_stopped_with_a_taper_of_at_least_a_week()
    {
        var finding = Response(OnDrug(Rx.Gabapentin, "gabapentin", Date(2026, 8, 1), (Date(2026, 7, 25), 5), (Date(2026, 11, 10), 6)), "gabapentin");

        Assert.Equal("worse", finding!.BandId);
        Assert.Equal(ResponseDecisionKind.Stop, finding.Decision);
        var taper = Assert.Single(finding.Taper);
        Assert.Equal("gabapentinoid-taper", taper.RuleId);
        Assert.Equal(7, taper.MinDays);
        Assert.Equal(FindingFamily.Taper, taper.Family);
    }

    [Fact]
    public void Scores_of_different_instruments_are_never_compared()
    {
        var patient = new PatientBuilder().WithMedication(Rx.Duloxetine, "duloxetine", start: Date(2026, 9, 1))
            .WithResult(Loinc.PainNrs, 8, "{score}", Date(2026, 8, 25))
            .WithResult(Loinc.WongBaker, 4, "{score}", Date(2026, 11, 15));

        Assert.Empty(Assess(patient).Response);
    }

    [Fact]
    public void A_two_point_fall_counts_as_moderate_even_below_30_percent()
    {
        var finding = Response(OnDrug(Rx.Duloxetine, "duloxetine", Date(2026, 6, 1), (Date(2026, 5, 20), 10), (Date(2026, 11, 1), 8)), "duloxetine");

        Assert.Equal(20, finding!.ReductionPercent);
        Assert.Equal("moderate", finding.BandId);
        Assert.Equal(ResponseDecisionKind.Continue, finding.Decision);
    }

    [Fact]
    public void Unchanged_pain_after_an_adequate_trial_means_reconsider()
    {
        var finding = Response(OnDrug(Rx.Duloxetine, "duloxetine", Date(2026, 6, 1), (Date(2026, 5, 20), 6), (Date(2026, 11, 1), 6)), "duloxetine");

        Assert.Equal("none", finding!.BandId);
        Assert.Equal(ResponseDecisionKind.Reconsider, finding.Decision);
    }

    [Fact]
    public void A_score_more_than_30_days_before_the_start_is_no_baseline()
    {
        Assert.Null(Response(OnDrug(Rx.Duloxetine, "duloxetine", Date(2026, 6, 1), (Date(2026, 4, 30), 8), (Date(2026, 11, 1), 4)), "duloxetine"));
    }

    [Fact]
    public void Without_a_score_after_the_start_there_is_no_outcome_to_judge()
    {
        Assert.Null(Response(OnDrug(Rx.Duloxetine, "duloxetine", Date(2026, 6, 1), (Date(2026, 5, 25), 8)), "duloxetine"));
    }

    [Fact]
    public void A_score_on_the_start_day_is_the_baseline_not_a_follow_up()
    {
        Assert.Null(Response(OnDrug(Rx.Duloxetine, "duloxetine", Date(2026, 6, 1), (Date(2026, 5, 25), 8), (Date(2026, 6, 1), 6)), "duloxetine"));
    }

    [Fact]
    public void A_baseline_of_zero_is_not_assessable()
    {
        var finding = Response(OnDrug(Rx.Duloxetine, "duloxetine", Date(2026, 6, 1), (Date(2026, 5, 25), 0), (Date(2026, 11, 1), 2)), "duloxetine");

        Assert.True(finding!.NotAssessable);
        Assert.Null(finding.BandId);
        Assert.Null(finding.Decision);
    }

    [Fact]
    public void A_drug_without_an_adequate_trial_gets_its_band_but_no_decision()
    {
        var finding = Response(OnDrug(Rx.Pregabalin, "pregabalin", Date(2026, 6, 1), (Date(2026, 5, 25), 8), (Date(2026, 11, 1), 8)), "pregabalin");

        Assert.Equal("none", finding!.BandId);
        Assert.Null(finding.AdequateTrialId);
        Assert.Null(finding.Decision);
    }

    [Fact]
    public void The_start_of_a_drug_is_the_start_of_its_course_not_its_latest_renewal()
    {
        var patient = new PatientBuilder()
            .WithMedication(Rx.Duloxetine, "duloxetine 30", MedicationUse.Past, Date(2026, 5, 26), Date(2026, 6, 1))
            .WithMedication(Rx.Duloxetine, "duloxetine 60", MedicationUse.Current, Date(2026, 6, 2))
            .WithResult(Loinc.PainNrs, 7, "{score}", Date(2026, 5, 26))
            .WithResult(Loinc.PainNrs, 4, "{score}", Date(2026, 9, 22));

        var finding = Response(patient, "duloxetine");

        Assert.Equal(Date(2026, 5, 26), finding!.Baseline.Date);
        Assert.Equal("moderate", finding.BandId);
    }

    [Fact]
    public void A_co_medication_gets_no_response_finding()
    {
        Assert.Empty(Assess(OnDrug(Rx.Warfarin, "warfarin", Date(2026, 6, 1), (Date(2026, 5, 25), 8), (Date(2026, 11, 1), 8))).Response);
    }

    // ---------------------------------------------------------------- stopping: taper guidance

    [Fact]
    public void Stopping_an_opioid_taken_for_two_years_is_10_percent_a_month()
    {
        var record = new PatientBuilder().WithMedication(Rx.Oxycodone, "oxycodone", start: Date(2024, 11, 1)).Build();

        var taper = Assert.Single(Assessor.TaperGuidance(record, "med-1", AsOf));

        Assert.Equal("opioid-taper", taper.RuleId);
        Assert.Equal(TaperPer.Month, taper.Rate!.Per);
        Assert.Equal(10, taper.Rate.PercentOfOriginalDose);
    }

    [Fact]
    public void Stopping_an_opioid_taken_for_three_months_is_10_percent_a_week()
    {
        var record = new PatientBuilder().WithMedication(Rx.Oxycodone, "oxycodone", start: Date(2026, 8, 21)).Build();

        Assert.Equal(TaperPer.Week, Assert.Single(Assessor.TaperGuidance(record, "med-1", AsOf)).Rate!.Per);
    }

    [Fact]
    public void A_corticosteroid_taken_for_more_than_three_weeks_needs_gradual_withdrawal()
    {
        var record = new PatientBuilder().WithMedication(Rx.Prednisone, "prednisone 10 MG", start: Date(2024, 3, 4), dosage: Dose.MgDaily(10)).Build();

        var taper = Assert.Single(Assessor.TaperGuidance(record, "med-1", AsOf));

        Assert.Equal("corticosteroid-withdrawal", taper.RuleId);
        Assert.Equal(GradualWithdrawal.Needed, taper.Gradual);
        Assert.Contains(taper.Reasons, r => r.StartsWith("course of", StringComparison.Ordinal));
    }

    [Fact]
    public void Ten_days_of_prednisone_at_20_mg_may_be_stopped_abruptly()
    {
        var record = new PatientBuilder().WithMedication(Rx.Prednisone, "prednisone 20 MG", start: Date(2026, 11, 11), dosage: Dose.MgDaily(20)).Build();

        Assert.Equal(GradualWithdrawal.NotNeeded, Assert.Single(Assessor.TaperGuidance(record, "med-1", AsOf)).Gradual);
    }

    [Fact]
    public void Ten_days_of_prednisolone_at_50_mg_needs_gradual_withdrawal()
    {
        var record = new PatientBuilder().WithMedication(Rx.Prednisolone, "prednisolone", start: Date(2026, 11, 11), dosage: Dose.MgDaily(50)).Build();

        var taper = Assert.Single(Assessor.TaperGuidance(record, "med-1", AsOf));
        Assert.Equal(GradualWithdrawal.Needed, taper.Gradual);
        Assert.Contains(taper.Reasons, r => r.Contains("50 mg/day prednisolone-equivalent", StringComparison.Ordinal));
    }

    [Fact]
    public void A_steroid_without_a_prednisolone_equivalence_is_left_to_the_text()
    {
        var record = new PatientBuilder().WithMedication(Rx.Methylprednisolone, "methylprednisolone", start: Date(2026, 11, 11), dosage: Dose.MgDaily(8)).Build();

        var taper = Assert.Single(Assessor.TaperGuidance(record, "med-1", AsOf));
        Assert.Equal(GradualWithdrawal.Unknown, taper.Gradual);
        Assert.False(string.IsNullOrWhiteSpace(taper.Text));
    }

    [Fact]
    public void There_is_no_taper_guidance_for_a_medication_that_is_not_current()
    {
        var record = new PatientBuilder().WithMedication(Rx.Oxycodone, "oxycodone", MedicationUse.Proposed, AsOf).Build();

        Assert.Empty(Assessor.TaperGuidance(record, "med-1", AsOf));
        Assert.Empty(Assessor.TaperGuidance(record, "no-such-resource", AsOf));
    }

    [Fact]
    public void A_pain_score_outside_the_0_to_10_range_is_ignored_and_reported()
    {
        var patient = OnDrug(Rx.Duloxetine, "duloxetine", Date(2026, 9, 1), (Date(2026, 8, 25), 8), (Date(2026, 11, 1), 4), (Date(2026, 11, 15), 40));

        var assessment = Assess(patient);

        var finding = assessment.Response.Single(r => r.IngredientId == "duloxetine");
        Assert.Equal(Date(2026, 11, 1), finding.FollowUp.Date);
        Assert.Equal(50, finding.ReductionPercent);
        Assert.Contains(assessment.DataQuality, q => q.Kind == DataQualityKind.ImplausibleValue && q.Message.Contains("40", StringComparison.Ordinal));
    }
}
