using NodaTime;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>Baselines, schedules with phases and thresholds (knowledge-format-safety.md §8), with that document's examples and negatives.</summary>
public class MonitoringTests
{
    private static readonly string[] BsrTests = [Loinc.Wbc, Loinc.Neutrophils, Loinc.Platelets, Loinc.Creatinine, Loinc.Alt, Loinc.Albumin];

    private static IReadOnlyList<MonitoringFinding> Monitoring(PatientBuilder patient, LocalDate? asOf = null) => Assess(patient, asOf).Monitoring;

    private static MonitoringFinding? Finding(PatientBuilder patient, string ruleId, LocalDate? asOf = null) =>
        Monitoring(patient, asOf).SingleOrDefault(f => f.RuleId == ruleId);

    /// <summary>Current weekly methotrexate with the BSR tests done on <paramref name="labs"/> (normal values).</summary>
    private static PatientBuilder OnMethotrexate(LocalDate start, params LocalDate[] labs)
    {
        var patient = new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate 2.5 MG", start: start, dosage: Dose.Of(15, "mg", 1, 1, "wk"));
        foreach (var date in labs)
        {
            patient.WithResult(Loinc.Wbc, 6.0m, "10*3/uL", date).WithResult(Loinc.Neutrophils, 3.5m, "10*3/uL", date).WithResult(Loinc.Platelets, 250, "10*3/uL", date)
                .WithResult(Loinc.Creatinine, 0.8m, "mg/dL", date).WithResult(Loinc.Alt, 25, "U/L", date, referenceHigh: 40).WithResult(Loinc.Albumin, 40, "g/L", date);
        }

        return patient;
    }

    // ---------------------------------------------------------------- schedules

    [Fact]
    public void A_full_blood_count_within_the_4_weekly_phase_is_on_time()
    {
        var findings = Monitoring(OnMethotrexate(Date(2026, 8, 1), Date(2026, 7, 20), Date(2026, 10, 30)));

        Assert.DoesNotContain(findings, f => f.Kind == MonitoringFindingKind.Overdue);
    }

    [Fact]
    public void A_full_blood_count_last_done_on_20_september_is_overdue_since_18_october()
    {
        var finding = Finding(OnMethotrexate(Date(2026, 8, 1), Date(2026, 7, 20), Date(2026, 9, 20)), "methotrexate/schedule/wbc");

        Assert.NotNull(finding);
        Assert.Equal(MonitoringFindingKind.Overdue, finding.Kind);
        Assert.Equal(Date(2026, 9, 20), finding.LastResult);
        Assert.Equal(Date(2026, 10, 18), finding.DueDate);
        Assert.True(finding.LocalConvention);
        Assert.Equal("bsr-2017-dmard", Assert.Single(finding.Sources).Id);
    }

    [Fact]
    public void The_grace_period_keeps_a_test_just_past_its_due_date_from_being_overdue()
    {
        // Due 18 October; grace 7 days ends 25 October.
        var patient = OnMethotrexate(Date(2026, 8, 1), Date(2026, 7, 20), Date(2026, 9, 20));

        Assert.Null(Finding(patient, "methotrexate/schedule/wbc", Date(2026, 10, 25)));
        Assert.NotNull(Finding(patient, "methotrexate/schedule/wbc", Date(2026, 10, 26)));
    }

    [Fact]
    public void In_the_first_six_weeks_the_tests_are_due_every_two_weeks()
    {
        var patient = OnMethotrexate(Date(2026, 11, 1), Date(2026, 10, 20));

        // Nothing since the start on 1 November: due 15 November, grace to 22 November.
        Assert.Null(Finding(patient, "methotrexate/schedule/wbc", Date(2026, 11, 22)));
        Assert.Equal(Date(2026, 11, 15), Finding(patient, "methotrexate/schedule/wbc", Date(2026, 11, 23))!.DueDate);
    }

    [Fact]
    public void After_week_18_the_tests_are_due_every_twelve_weeks()
    {
        var patient = OnMethotrexate(Date(2025, 1, 1), Date(2024, 12, 20), Date(2026, 9, 20));

        Assert.Null(Finding(patient, "methotrexate/schedule/wbc"));
        Assert.Equal(Date(2026, 12, 13), Finding(patient, "methotrexate/schedule/wbc", Date(2026, 12, 21))!.DueDate);
    }

    [Fact]
    public void A_dose_change_restarts_the_monitoring_clock()
    {
        var patient = new PatientBuilder()
            .WithMedication(Rx.Methotrexate, "methotrexate", MedicationUse.Past, Date(2025, 1, 1), Date(2026, 9, 30), Dose.Of(10, "mg", 1, 1, "wk"))
            .WithMedication(Rx.Methotrexate, "methotrexate", MedicationUse.Current, Date(2026, 10, 1), dosage: Dose.Of(15, "mg", 1, 1, "wk"))
            .WithResult(Loinc.Wbc, 6, "10*3/uL", Date(2026, 9, 25));

        // Week 7 since the increase: every 4 weeks from 1 October, so due 29 October and overdue.
        var finding = Finding(patient, "methotrexate/schedule/wbc");
        Assert.NotNull(finding);
        Assert.Equal(Date(2026, 10, 29), finding.DueDate);
    }

    [Fact]
    public void A_renewal_at_the_same_dose_does_not_restart_the_clock()
    {
        var patient = new PatientBuilder()
            .WithMedication(Rx.Methotrexate, "methotrexate", MedicationUse.Past, Date(2025, 1, 1), Date(2026, 9, 30), Dose.Of(15, "mg", 1, 1, "wk"))
            .WithMedication(Rx.Methotrexate, "methotrexate", MedicationUse.Current, Date(2026, 10, 1), dosage: Dose.Of(15, "mg", 1, 1, "wk"))
            .WithResult(Loinc.Wbc, 6, "10*3/uL", Date(2026, 9, 25));

        Assert.Null(Finding(patient, "methotrexate/schedule/wbc"));
    }

    [Fact]
    public void Methotrexate_with_leflunomide_keeps_monthly_tests_long_term_instead_of_the_single_drug_schedules()
    {
        var patient = OnMethotrexate(Date(2024, 1, 1), Date(2026, 9, 20))
            .WithMedication(Rx.Leflunomide, "leflunomide", start: Date(2024, 3, 1), dosage: Dose.MgDaily(20));

        var findings = Monitoring(patient);

        Assert.Equal(Date(2026, 10, 18), findings.Single(f => f.RuleId == "methotrexate-leflunomide/schedule/wbc").DueDate);
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("methotrexate/schedule", StringComparison.Ordinal) || f.RuleId.StartsWith("leflunomide/schedule", StringComparison.Ordinal));
    }

    [Fact]
    public void A_proposed_drug_has_no_follow_up_schedule_yet()
    {
        var patient = new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate", MedicationUse.Proposed, AsOf);

        Assert.DoesNotContain(Monitoring(patient), f => f.Kind == MonitoringFindingKind.Overdue);
    }

    // ---------------------------------------------------------------- thresholds

    [Fact]
    public void A_white_cell_count_of_3_1_thousand_per_microlitre_is_below_3_5_billion_per_litre()
    {
        var finding = Finding(OnMethotrexate(Date(2026, 1, 1)).WithResult(Loinc.Wbc, 3.1m, "10*3/uL", Date(2026, 11, 16)), "bsr-2017-dmard/wbc-lt-3.5");

        Assert.NotNull(finding);
        Assert.Equal(MonitoringFindingKind.ThresholdBreached, finding.Kind);
        Assert.Equal(MonitoringAction.WithholdAndDiscuss, finding.Action);
        Assert.Equal("< 3.5 10*3/uL (3.5 10*9/L)", finding.Threshold);
        Assert.Equal(3.1m, finding.Computed!.Value);
        Assert.Equal("10*9/L", finding.Computed.Unit);
        var result = Assert.Single(finding.Results);
        Assert.Equal((3.1m, "10*3/uL", Date(2026, 11, 16)), (result.Value!.Value, result.Unit, result.Date!.Value));
    }

    [Fact]
    public void Platelets_150_and_alt_95_are_inside_the_bsr_limits()
    {
        var findings = Monitoring(OnMethotrexate(Date(2026, 1, 1))
            .WithResult(Loinc.Platelets, 150, "10*3/uL", Date(2026, 11, 16))
            .WithResult(Loinc.Alt, 95, "U/L", Date(2026, 11, 16), referenceHigh: 40));

        Assert.DoesNotContain(findings, f => f.Kind == MonitoringFindingKind.ThresholdBreached);
    }

    [Fact]
    public void A_platelet_count_per_microlitre_is_converted_before_comparing()
    {
        var finding = Finding(OnMethotrexate(Date(2026, 1, 1)).WithResult(Loinc.Platelets, 120000, "/uL", Date(2026, 11, 16)), "bsr-2017-dmard/platelets-lt-140");

        Assert.Equal(120, finding!.Computed!.Value);
    }

    [Fact]
    public void An_alt_of_130_confirmed_by_128_two_weeks_earlier_is_over_100_and_three_times_the_upper_limit()
    {
        var findings = Monitoring(OnMethotrexate(Date(2026, 1, 1))
            .WithResult(Loinc.Alt, 128, "U/L", Date(2026, 11, 1))
            .WithResult(Loinc.Alt, 130, "U/L", Date(2026, 11, 15), referenceHigh: 40));

        var bsr = findings.Single(f => f.RuleId == "bsr-2017-dmard/alt-gt-100");
        var uln = findings.Single(f => f.RuleId == "methotrexate/alt-uln-3");
        Assert.Equal(MonitoringAction.WithholdAndDiscuss, bsr.Action);
        Assert.Equal(MonitoringAction.Stop, uln.Action);
        Assert.False(uln.RepeatToConfirm);
        Assert.Equal(["latest result", "confirming result"], uln.Results.Select(r => r.Role));
        Assert.Equal(3.25m, uln.Computed!.Value);

        // Stop and withhold both say "act before the next dose": major on the one scale, ahead of everything else.
        Assert.Equal(["bsr-2017-dmard/alt-gt-100", "methotrexate/alt-uln-3"], findings.Take(2).Select(f => f.RuleId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_single_alt_over_three_times_the_upper_limit_asks_for_a_repeat_before_stopping()
    {
        var findings = Monitoring(OnMethotrexate(Date(2026, 1, 1)).WithResult(Loinc.Alt, 130, "U/L", Date(2026, 11, 15), referenceHigh: 40));

        var uln = findings.Single(f => f.RuleId == "methotrexate/alt-uln-3");
        Assert.Equal(MonitoringAction.Review, uln.Action);
        Assert.True(uln.RepeatToConfirm);
        Assert.Contains(findings, f => f.RuleId == "bsr-2017-dmard/alt-gt-100");
    }

    [Fact]
    public void An_earlier_high_alt_outside_the_30_day_window_does_not_confirm()
    {
        var uln = Finding(OnMethotrexate(Date(2026, 1, 1))
            .WithResult(Loinc.Alt, 128, "U/L", Date(2026, 10, 6))
            .WithResult(Loinc.Alt, 130, "U/L", Date(2026, 11, 15), referenceHigh: 40), "methotrexate/alt-uln-3");

        Assert.True(uln!.RepeatToConfirm);
    }

    [Fact]
    public void Without_a_reference_range_the_multiple_of_upper_limit_rule_is_not_evaluated()
    {
        var findings = Monitoring(OnMethotrexate(Date(2026, 1, 1)).WithResult(Loinc.Alt, 130, "U/L", Date(2026, 11, 15)));

        Assert.DoesNotContain(findings, f => f.RuleId == "methotrexate/alt-uln-3");
        Assert.Contains(findings, f => f.RuleId == "bsr-2017-dmard/alt-gt-100");
    }

    [Fact]
    public void A_creatinine_rise_of_more_than_30_percent_within_a_year_is_reviewed()
    {
        var finding = Finding(OnMethotrexate(Date(2026, 1, 1))
            .WithResult(Loinc.CreatinineMolar, 70, "umol/L", Date(2026, 3, 1))
            .WithResult(Loinc.Creatinine, 1.08m, "mg/dL", Date(2026, 11, 1)), "bsr-2017-dmard/creatinine-rise-30");

        Assert.NotNull(finding);
        Assert.Equal(MonitoringAction.Review, finding.Action);
        Assert.Equal(36.4m, finding.Computed!.Value);
        Assert.Contains(finding.Results, r => r.Role == "lowest earlier result" && r.ResourceId.StartsWith("obs-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_creatinine_rise_of_14_percent_is_not()
    {
        Assert.Null(Finding(OnMethotrexate(Date(2026, 1, 1))
            .WithResult(Loinc.CreatinineMolar, 70, "umol/L", Date(2026, 3, 1))
            .WithResult(Loinc.CreatinineMolar, 80, "umol/L", Date(2026, 11, 1)), "bsr-2017-dmard/creatinine-rise-30"));
    }

    [Fact]
    public void A_result_before_the_drug_started_is_not_judged_against_its_thresholds()
    {
        Assert.Null(Finding(OnMethotrexate(Date(2026, 6, 1)).WithResult(Loinc.Wbc, 3.1m, "10*3/uL", Date(2026, 5, 20)), "bsr-2017-dmard/wbc-lt-3.5"));
    }

    [Fact]
    public void An_albumin_in_grams_per_decilitre_is_converted_so_3_9_is_39_and_not_below_30()
    {
        Assert.Null(Finding(OnMethotrexate(Date(2026, 1, 1)).WithResult(Loinc.Albumin, 3.9m, "g/dL", Date(2026, 11, 16)), "bsr-2017-dmard/albumin-lt-30"));
        Assert.NotNull(Finding(OnMethotrexate(Date(2026, 1, 1)).WithResult(Loinc.Albumin, 2.8m, "g/dL", Date(2026, 11, 16)), "bsr-2017-dmard/albumin-lt-30"));
    }

    [Fact]
    public void A_result_in_an_unknown_unit_is_not_judged_and_a_note_names_the_unit()
    {
        var assessment = Assess(OnMethotrexate(Date(2026, 1, 1)).WithResult(Loinc.Wbc, 3.1m, "cells/hpf", Date(2026, 11, 16)));

        Assert.DoesNotContain(assessment.Monitoring, f => f.RuleId == "bsr-2017-dmard/wbc-lt-3.5");
        Assert.Contains(assessment.DataQuality, n => n.Kind == DataQualityKind.UnconvertibleUnit && n.Message.Contains("cells/hpf", StringComparison.Ordinal));
    }

    // ---------------------------------------------------------------- baselines

    [Fact]
    public void Proposed_azathioprine_without_a_tpmt_result_is_missing_its_baseline()
    {
        var finding = Finding(new PatientBuilder().WithMedication(Rx.Azathioprine, "azathioprine", MedicationUse.Proposed, AsOf), "azathioprine/baseline-1");

        Assert.NotNull(finding);
        Assert.Equal(MonitoringFindingKind.BaselineMissing, finding.Kind);
        Assert.Equal("tpmt-phenotype", Assert.Single(finding.TestIds));
        Assert.Equal(AsOf, finding.ReferenceDate);
    }

    [Fact]
    public void A_tpmt_result_from_2019_satisfies_the_azathioprine_baseline()
    {
        Assert.Null(Finding(new PatientBuilder().WithMedication(Rx.Azathioprine, "azathioprine", MedicationUse.Proposed, AsOf).WithTextResult(Loinc.Tpmt, "Normal metabolizer", Date(2019, 5, 1)), "azathioprine/baseline-1"));
    }

    [Fact]
    public void Proposed_amitriptyline_at_45_without_an_ecg_in_a_year_is_missing_its_ecg()
    {
        var finding = Finding(new PatientBuilder().Aged(45).WithMedication(Rx.Amitriptyline, "amitriptyline", MedicationUse.Proposed, AsOf), "tricyclic-ecg/baseline-1");

        Assert.NotNull(finding);
        Assert.Equal("ecg", Assert.Single(finding.TestIds));
    }

    [Fact]
    public void Proposed_amitriptyline_at_35_without_cardiac_factors_needs_no_ecg()
    {
        Assert.DoesNotContain(Monitoring(new PatientBuilder().Aged(35).WithMedication(Rx.Amitriptyline, "amitriptyline", MedicationUse.Proposed, AsOf)), f => f.ProtocolId == "tricyclic-ecg");
    }

    [Fact]
    public void A_qtc_result_counts_as_an_ecg()
    {
        Assert.Null(Finding(new PatientBuilder().Aged(45).WithMedication(Rx.Amitriptyline, "amitriptyline", MedicationUse.Proposed, AsOf).WithResult(Loinc.Qtc, 420, "ms", Date(2026, 6, 1)), "tricyclic-ecg/baseline-1"));
    }

    [Fact]
    public void A_new_rituximab_course_needs_its_own_immunoglobulins()
    {
        var finding = Finding(new PatientBuilder()
                .WithMedication(Rx.Rituximab, "rituximab", MedicationUse.Current, Date(2026, 3, 15), Date(2026, 4, 1))
                .WithMedication(Rx.Rituximab, "rituximab", MedicationUse.Proposed, AsOf)
                .WithResult(Loinc.Igg, 9, "g/L", Date(2026, 3, 1)).WithResult(Loinc.Igm, 1, "g/L", Date(2026, 3, 1))
                .WithTextResult(Loinc.Hbsag, "Negative", Date(2026, 3, 1)).WithTextResult(Loinc.AntiHbc, "Negative", Date(2026, 3, 1)),
            "rituximab/baseline-2");

        Assert.NotNull(finding);
        Assert.Equal(["igg", "igm"], finding.TestIds.AsEnumerable());
        Assert.Equal(AsOf, finding.ReferenceDate);
        Assert.Contains("before each course", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_rituximab_course_had_its_immunoglobulins()
    {
        var findings = Monitoring(new PatientBuilder()
            .WithMedication(Rx.Rituximab, "rituximab", MedicationUse.Current, Date(2026, 3, 15), Date(2026, 4, 1))
            .WithResult(Loinc.Igg, 9, "g/L", Date(2026, 3, 1)).WithResult(Loinc.Igm, 1, "g/L", Date(2026, 3, 1))
            .WithTextResult(Loinc.Hbsag, "Negative", Date(2026, 3, 1)).WithTextResult(Loinc.AntiHbc, "Negative", Date(2026, 3, 1)));

        Assert.Empty(findings);
    }

    [Fact]
    public void A_recorded_latent_tuberculosis_answers_the_tb_screening_question_and_the_caution_fires_instead()
    {
        var assessment = Assess(new PatientBuilder().WithMedication(Rx.Infliximab, "infliximab", MedicationUse.Proposed, AsOf).WithCondition(CodeSystems.Icd10Cm, "Z22.7", "Latent TB"));

        Assert.DoesNotContain(assessment.Monitoring, f => f.RuleId == "tnf-inhibitor/baseline-1");
        Assert.Contains(assessment.Safety.Cautions, c => c.RuleId == "tnf-inhibitor-latent-tb");
    }

    [Fact]
    public void Hepatitis_serology_before_methotrexate_is_only_to_be_considered()
    {
        var finding = Finding(new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate", MedicationUse.Proposed, AsOf), "methotrexate/baseline-5");

        Assert.Equal(MonitoringFindingKind.Consider, finding!.Kind);
    }

    [Fact]
    public void A_baseline_within_90_days_before_the_start_is_on_time_and_one_from_100_days_before_is_not()
    {
        Assert.Null(Finding(OnMethotrexate(Date(2026, 9, 1), Date(2026, 7, 1), Date(2026, 10, 30)), "methotrexate/baseline-1"));
        Assert.NotNull(Finding(OnMethotrexate(Date(2026, 9, 1), Date(2026, 5, 20), Date(2026, 10, 30)), "methotrexate/baseline-1"));
    }

    [Fact]
    public void A_missing_baseline_is_not_reported_for_a_course_that_started_more_than_90_days_ago()
    {
        // knowledge/monitoring.yaml baseline-report-days: 90 (a local convention): the follow-up schedule applies instead.
        Assert.NotNull(Finding(OnMethotrexate(Date(2026, 8, 24)), "methotrexate/baseline-1"));
        Assert.Null(Finding(OnMethotrexate(Date(2026, 8, 22)), "methotrexate/baseline-1"));
        Assert.NotNull(Finding(new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate 2.5 MG", use: MedicationUse.Proposed), "methotrexate/baseline-1"));
    }

    [Fact]
    public void Sodium_within_30_days_after_starting_a_siadh_risk_drug_at_70_counts_as_its_baseline()
    {
        PatientBuilder Patient() => new PatientBuilder().Aged(70).WithMedication(Rx.Sertraline, "sertraline", start: Date(2026, 10, 1));

        Assert.Null(Finding(Patient().WithResult(Loinc.Sodium, 138, "mmol/L", Date(2026, 10, 20)), "beers-sodium-check/baseline-1"));
        Assert.NotNull(Finding(Patient().WithResult(Loinc.Sodium, 138, "mmol/L", Date(2026, 11, 10)), "beers-sodium-check/baseline-1"));
    }

    [Fact]
    public void A_patient_on_no_monitored_drug_has_no_monitoring_findings()
    {
        Assert.Empty(Monitoring(new PatientBuilder().WithMedication("161", "acetaminophen")));
    }
}
