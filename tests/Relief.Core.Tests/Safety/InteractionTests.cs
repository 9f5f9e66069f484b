using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>Drug-drug and drug-vaccine interactions (knowledge-format-safety.md §5): one test per family, with that document's examples and negatives.</summary>
public class InteractionTests
{
    private static IReadOnlyList<InteractionFinding> Interactions(PatientBuilder patient) => Assess(patient).Safety.Interactions;

    private static InteractionFinding? Interaction(PatientBuilder patient, string ruleId) => Interactions(patient).SingleOrDefault(i => i.RuleId == ruleId);

    // ---------------------------------------------------------------- serotonin toxicity

    [Fact]
    public void Tramadol_with_sertraline_is_major()
    {
        var finding = Interaction(new PatientBuilder().WithMedication(Rx.Tramadol, "tramadol 50 MG").WithMedication(Rx.Sertraline, "sertraline 50 MG"), "tramadol-serotonergic-antidepressant");

        Assert.NotNull(finding);
        Assert.Equal(InteractionSeverity.Major, finding.Severity);
        Assert.Equal(["sertraline", "tramadol"], finding.IngredientIds.Order());
        Assert.Equal(["med-1", "med-2"], finding.Facts.Select(f => f.ResourceId));
        Assert.False(string.IsNullOrWhiteSpace(finding.Mechanism));
        Assert.Equal("tramadol-label", Assert.Single(finding.Sources).Id);
    }

    [Fact]
    public void Morphine_with_sertraline_is_not_a_serotonin_interaction()
    {
        Assert.Empty(Interactions(new PatientBuilder().WithMedication(Rx.Morphine, "morphine").WithMedication(Rx.Sertraline, "sertraline")));
    }

    [Fact]
    public void Phenelzine_stopped_a_week_ago_with_proposed_sertraline_is_contraindicated_inside_the_washout()
    {
        var finding = Interaction(
            new PatientBuilder().WithMedication(Rx.Phenelzine, "phenelzine", MedicationUse.Past, Date(2026, 1, 1), Date(2026, 11, 14))
                .WithMedication(Rx.Sertraline, "sertraline", MedicationUse.Proposed, AsOf),
            "maoi-ssri-snri");

        Assert.NotNull(finding);
        Assert.Equal(InteractionSeverity.Contraindicated, finding.Severity);
        Assert.True(finding.OncHighPriority);
        Assert.Contains(finding.Notes, n => n.Contains("14-day washout", StringComparison.Ordinal));
    }

    [Fact]
    public void Phenelzine_stopped_seven_weeks_ago_is_past_its_washout()
    {
        Assert.Null(Interaction(
            new PatientBuilder().WithMedication(Rx.Phenelzine, "phenelzine", MedicationUse.Past, Date(2026, 1, 1), Date(2026, 10, 1))
                .WithMedication(Rx.Sertraline, "sertraline", MedicationUse.Proposed, AsOf),
            "maoi-ssri-snri"));
    }

    [Fact]
    public void Fluoxetine_stopped_three_weeks_ago_still_counts_before_an_maoi_because_its_washout_is_35_days()
    {
        var finding = Interaction(
            new PatientBuilder().WithMedication(Rx.Fluoxetine, "fluoxetine", MedicationUse.Past, Date(2026, 1, 1), Date(2026, 11, 1))
                .WithMedication(Rx.Phenelzine, "phenelzine", MedicationUse.Proposed, AsOf),
            "maoi-ssri-snri");

        Assert.NotNull(finding);
        Assert.Contains(finding.Notes, n => n.Contains("35-day washout", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_past_medications_never_interact()
    {
        Assert.Empty(Interactions(new PatientBuilder()
            .WithMedication(Rx.Phenelzine, "phenelzine", MedicationUse.Past, Date(2026, 1, 1), Date(2026, 11, 14))
            .WithMedication(Rx.Sertraline, "sertraline", MedicationUse.Past, Date(2026, 1, 1), Date(2026, 11, 14))));
    }

    [Fact]
    public void Of_two_past_medications_only_the_pair_with_a_current_one_interacts()
    {
        var findings = Interactions(new PatientBuilder()
            .WithMedication(Rx.Phenelzine, "phenelzine", MedicationUse.Past, Date(2026, 1, 1), Date(2026, 11, 14))
            .WithMedication(Rx.Sertraline, "sertraline", MedicationUse.Past, Date(2026, 1, 1), Date(2026, 11, 14))
            .WithMedication(Rx.Duloxetine, "duloxetine", MedicationUse.Proposed, AsOf));

        var finding = Assert.Single(findings, f => f.RuleId == "maoi-ssri-snri");
        Assert.Equal(["duloxetine", "phenelzine"], finding.IngredientIds.AsEnumerable());
    }

    [Fact]
    public void A_past_medication_without_an_end_date_does_not_count_for_washout()
    {
        Assert.Empty(Interactions(new PatientBuilder()
            .WithMedication(Rx.Phenelzine, "phenelzine", MedicationUse.Past, Date(2026, 1, 1))
            .WithMedication(Rx.Sertraline, "sertraline", MedicationUse.Proposed, AsOf)));
    }

    [Fact]
    public void A_triptan_with_an_ssri_is_moderate()
    {
        Assert.Equal(InteractionSeverity.Moderate, Interaction(new PatientBuilder().WithMedication(Rx.Sumatriptan, "sumatriptan").WithMedication(Rx.Sertraline, "sertraline"), "triptan-ssri-snri")!.Severity);
    }

    // ---------------------------------------------------------------- CYP2D6, CYP3A4

    [Fact]
    public void Paroxetine_blocks_tramadol_activation()
    {
        var rules = Interactions(new PatientBuilder().WithMedication(Rx.Paroxetine, "paroxetine").WithMedication(Rx.Tramadol, "tramadol")).Select(i => i.RuleId);

        Assert.Contains("cyp2d6-inhibitor-tramadol", rules);
        Assert.Contains("tramadol-serotonergic-antidepressant", rules);
    }

    [Fact]
    public void Fluoxetine_raises_amitriptyline_levels()
    {
        Assert.Equal(InteractionSeverity.Major, Interaction(new PatientBuilder().WithMedication(Rx.Fluoxetine, "fluoxetine").WithMedication(Rx.Amitriptyline, "amitriptyline"), "cyp2d6-inhibitor-tca")!.Severity);
    }

    [Fact]
    public void Carbamazepine_with_an_hiv_protease_inhibitor_is_a_contraindicated_onc_pair()
    {
        var finding = Interaction(new PatientBuilder().WithMedication(Rx.Carbamazepine, "carbamazepine").WithMedication(Rx.Atazanavir, "atazanavir"), "cyp3a4-inducer-protease-inhibitor");

        Assert.Equal(InteractionSeverity.Contraindicated, finding!.Severity);
        Assert.True(finding.OncHighPriority);
    }

    [Fact]
    public void Carbamazepine_with_a_progestogen_only_pill_risks_contraceptive_failure_but_not_with_the_levonorgestrel_coil()
    {
        Assert.NotNull(Interaction(new PatientBuilder().WithMedication(Rx.Carbamazepine, "carbamazepine").WithMedication("748962", "Camila 28 Day Pack"), "carbamazepine-hormonal-contraceptive"));
        Assert.Null(Interaction(new PatientBuilder().WithMedication(Rx.Carbamazepine, "carbamazepine").WithMedication("807283", "Mirena 52 MG Intrauterine System"), "carbamazepine-hormonal-contraceptive"));
    }

    // ---------------------------------------------------------------- QT

    [Fact]
    public void Citalopram_with_ondansetron_is_one_qt_finding()
    {
        var findings = Interactions(new PatientBuilder().WithMedication(Rx.Citalopram, "citalopram").WithMedication(Rx.Ondansetron, "ondansetron")).Where(i => i.RuleId == "qt-qt").ToList();

        var finding = Assert.Single(findings);
        Assert.Equal(InteractionSeverity.Major, finding.Severity);
        Assert.True(finding.OncHighPriority);
    }

    [Fact]
    public void Two_orders_of_the_same_qt_drug_do_not_interact_with_each_other()
    {
        Assert.Empty(Interactions(new PatientBuilder().WithMedication(Rx.Citalopram, "citalopram 20").WithMedication(Rx.Citalopram, "citalopram 10")));
    }

    // ---------------------------------------------------------------- methotrexate

    [Fact]
    public void Methotrexate_with_trimethoprim_is_major_and_reported_once_for_the_combination_product()
    {
        var findings = Interactions(new PatientBuilder()
                .WithMedication(Rx.Methotrexate, "methotrexate 2.5 MG", dosage: Dose.Of(10, "mg", 1, 1, "wk"))
                .WithNamedMedication(Rx.CoTrimoxazole, MedicationUse.Proposed, AsOf))
            .Where(i => i.RuleId == "methotrexate-trimethoprim")
            .ToList();

        var finding = Assert.Single(findings);
        Assert.Equal(InteractionSeverity.Major, finding.Severity);
        Assert.Equal(["methotrexate", "sulfamethoxazole", "trimethoprim"], finding.IngredientIds.AsEnumerable());
        Assert.Equal(2, finding.Facts.Length);
    }

    [Theory]
    [InlineData(Rx.Naproxen, "methotrexate-nsaid", InteractionSeverity.Moderate)]
    [InlineData(Rx.Omeprazole, "methotrexate-ppi", InteractionSeverity.Moderate)]
    [InlineData(Rx.Leflunomide, "methotrexate-leflunomide", InteractionSeverity.Major)]
    public void Methotrexate_with_nsaids_ppis_and_leflunomide(string partner, string rule, InteractionSeverity severity)
    {
        Assert.Equal(severity, Interaction(new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate").WithMedication(partner, "partner"), rule)!.Severity);
    }

    // ---------------------------------------------------------------- thiopurines

    [Fact]
    public void Azathioprine_with_allopurinol_is_major()
    {
        Assert.Equal(InteractionSeverity.Major, Interaction(new PatientBuilder().WithMedication(Rx.Azathioprine, "azathioprine").WithMedication(Rx.Allopurinol, "allopurinol"), "thiopurine-allopurinol")!.Severity);
    }

    [Fact]
    public void Azathioprine_with_febuxostat_is_contraindicated()
    {
        var finding = Interaction(new PatientBuilder().WithMedication(Rx.Azathioprine, "azathioprine").WithNamedMedication("febuxostat 40 MG Oral Tablet"), "thiopurine-febuxostat");

        Assert.Equal(InteractionSeverity.Contraindicated, finding!.Severity);
        Assert.True(finding.OncHighPriority);
    }

    // ---------------------------------------------------------------- naltrexone, CNS depression

    [Fact]
    public void Naltrexone_with_any_opioid_is_contraindicated()
    {
        Assert.Equal(InteractionSeverity.Contraindicated, Interaction(new PatientBuilder().WithMedication(Rx.Naltrexone, "naltrexone").WithMedication(Rx.Oxycodone, "oxycodone"), "naltrexone-opioid")!.Severity);
    }

    [Fact]
    public void An_opioid_with_a_benzodiazepine_is_major()
    {
        Assert.NotNull(Interaction(new PatientBuilder().WithMedication(Rx.Oxycodone, "oxycodone").WithMedication(Rx.Lorazepam, "lorazepam"), "opioid-benzodiazepine"));
    }

    [Fact]
    public void Three_cns_active_drugs_at_70_are_a_beers_count_finding_as_well_as_the_pair()
    {
        var rules = Interactions(new PatientBuilder().Aged(70)
                .WithMedication(Rx.Gabapentin, "gabapentin").WithMedication(Rx.Sertraline, "sertraline").WithMedication(Rx.Oxycodone, "oxycodone"))
            .Select(i => i.RuleId).ToList();

        Assert.Contains("beers-cns-active-3", rules);
        Assert.Contains("opioid-gabapentinoid", rules);
    }

    [Fact]
    public void Three_cns_active_drugs_at_60_are_only_the_pair()
    {
        var rules = Interactions(new PatientBuilder().Aged(60)
                .WithMedication(Rx.Gabapentin, "gabapentin").WithMedication(Rx.Sertraline, "sertraline").WithMedication(Rx.Oxycodone, "oxycodone"))
            .Select(i => i.RuleId);

        Assert.Equal(["opioid-gabapentinoid"], rules);
    }

    [Fact]
    public void Two_orders_of_one_drug_count_once_toward_the_cns_active_rule()
    {
        var rules = Interactions(new PatientBuilder().Aged(70)
                .WithMedication(Rx.Sertraline, "sertraline 50").WithMedication(Rx.Sertraline, "sertraline 25").WithMedication(Rx.Clonazepam, "clonazepam"))
            .Select(i => i.RuleId);

        Assert.DoesNotContain("beers-cns-active-3", rules);
    }

    // ---------------------------------------------------------------- warfarin

    [Theory]
    [InlineData(Rx.Ibuprofen, "warfarin-nsaid", InteractionSeverity.Major)]
    [InlineData(Rx.Sertraline, "warfarin-ssri-snri", InteractionSeverity.Moderate)]
    public void Warfarin_with_nsaids_and_ssris(string partner, string rule, InteractionSeverity severity)
    {
        Assert.Equal(severity, Interaction(new PatientBuilder().WithMedication(Rx.Warfarin, "warfarin").WithMedication(partner, "partner"), rule)!.Severity);
    }

    [Fact]
    public void Warfarin_with_co_trimoxazole_is_major()
    {
        Assert.Equal(InteractionSeverity.Major, Interaction(new PatientBuilder().WithMedication(Rx.Warfarin, "warfarin").WithNamedMedication(Rx.CoTrimoxazole, MedicationUse.Proposed, AsOf), "warfarin-trimethoprim")!.Severity);
    }

    // ---------------------------------------------------------------- live vaccines

    [Fact]
    public void A_live_zoster_vaccine_already_given_while_on_adalimumab_is_a_review_finding_not_do_not_give()
    {
        var patient = new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab", start: Date(2025, 1, 1)).WithImmunization("121", Date(2026, 10, 10), display: "zoster live");
        Assert.Null(Interaction(patient, "biologic-live-vaccine"));
        var finding = Interaction(patient, "biologic-live-vaccine-given");

        Assert.NotNull(finding);
        Assert.Equal(InteractionKind.LiveVaccine, finding.Kind);
        Assert.Equal(InteractionSeverity.Major, finding.Severity);
        Assert.StartsWith("Already given", finding.Management, StringComparison.Ordinal);
        Assert.Contains(finding.Notes, n => n.Contains("given 2026-10-10", StringComparison.Ordinal));
        Assert.Equal(["MedicationRequest/med-1", "Immunization/imm-1"], finding.Facts.Select(f => f.Reference));
        Assert.Equal(Date(2026, 10, 10), finding.Facts[1].Date);
    }

    [Fact]
    public void The_recombinant_zoster_vaccine_on_adalimumab_is_fine()
    {
        Assert.Empty(Interactions(new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab", start: Date(2025, 1, 1)).WithImmunization("187", Date(2026, 10, 10))));
    }

    [Fact]
    public void A_live_vaccine_given_before_the_biologic_started_does_not_fire()
    {
        Assert.Empty(Interactions(new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab", start: Date(2025, 1, 1)).WithImmunization("121", Date(2024, 5, 1))));
    }

    [Fact]
    public void A_live_vaccine_that_was_not_given_does_not_fire()
    {
        Assert.Empty(Interactions(new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab", start: Date(2025, 1, 1)).WithImmunization("121", Date(2026, 10, 10), status: "not-done")));
    }

    [Theory]
    [InlineData("207")]
    [InlineData("208")]
    [InlineData("212")]
    [InlineData("213")]
    public void Covid_19_vaccines_are_not_live_and_raise_nothing_on_a_biologic(string cvx)
    {
        var assessment = Assess(new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab", start: Date(2025, 1, 1)).WithImmunization(cvx, Date(2026, 10, 10)));

        Assert.Empty(assessment.Safety.Interactions);
        Assert.DoesNotContain(assessment.Unrecognised, u => u.Code.EndsWith("|" + cvx, StringComparison.Ordinal));
    }

    [Fact]
    public void Cvx_codes_compare_without_leading_zeros()
    {
        Assert.NotNull(Interaction(new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate", start: Date(2025, 1, 1)).WithImmunization("3", Date(2026, 10, 10)), "csdmard-live-vaccine-given"));
    }

    [Fact]
    public void An_unspecified_influenza_vaccine_is_one_severity_lower_and_asks_to_check_the_formulation()
    {
        var finding = Interaction(new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab", start: Date(2025, 1, 1)).WithImmunization("88", Date(2026, 10, 10)), "biologic-live-vaccine-given");

        Assert.Equal(InteractionSeverity.Moderate, finding!.Severity);
        Assert.Contains(finding.Notes, n => n.Contains("check the formulation", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cvx_code_not_in_the_knowledge_base_is_unknown_and_listed_as_unrecognised()
    {
        var assessment = Assess(new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab", start: Date(2025, 1, 1)).WithImmunization("999", Date(2026, 10, 10)));

        Assert.Equal(InteractionSeverity.Moderate, assessment.Safety.Interactions.Single(i => i.RuleId == "biologic-live-vaccine-given").Severity);
        Assert.Contains(assessment.Unrecognised, u => u.Code == "http://hl7.org/fhir/sid/cvx|999" && u.ResourceType == "Immunization");
        Assert.Contains(assessment.DataQuality, n => n.Kind == DataQualityKind.UnknownVaccineCode && n.Resource == "Immunization/imm-1");
    }

    [Fact]
    public void A_proposed_live_vaccine_on_adalimumab_is_do_not_give_and_contraindicated()
    {
        var finding = Interaction(new PatientBuilder().WithMedication(Rx.Adalimumab, "adalimumab").WithVaccineOrder("121", "zoster vaccine live"), "biologic-live-vaccine");

        Assert.Equal(InteractionSeverity.Contraindicated, finding!.Severity);
        Assert.StartsWith("Do not give", finding.Management, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposed_live_vaccine_order_for_a_patient_on_methotrexate_is_major()
    {
        var assessment = Assess(new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate").WithVaccineOrder("121", "zoster vaccine live"));

        Assert.Equal(InteractionSeverity.Major, assessment.Safety.Interactions.Single(i => i.RuleId == "csdmard-live-vaccine").Severity);
        Assert.DoesNotContain(assessment.Unrecognised, u => u.Code.EndsWith("|121", StringComparison.Ordinal));
    }

    [Fact]
    public void A_live_vaccine_a_month_after_an_immune_globulin_infusion_is_blunted()
    {
        var finding = Interaction(new PatientBuilder().WithImmunization("87", Date(2026, 9, 1), display: "IGIV").WithImmunization("03", Date(2026, 10, 1), display: "MMR"), "ivig-live-vaccine-given");

        Assert.NotNull(finding);
        Assert.Equal(["Immunization/imm-1", "Immunization/imm-2"], finding.Facts.Select(f => f.Reference));
    }

    [Fact]
    public void A_live_vaccine_two_years_after_immune_globulin_is_not_flagged()
    {
        Assert.Empty(Interactions(new PatientBuilder().WithImmunization("87", Date(2024, 9, 1)).WithImmunization("03", Date(2026, 10, 1))));
    }

    // ---------------------------------------------------------------- negatives

    [Fact]
    public void Sertraline_with_acetaminophen_is_a_safe_combination()
    {
        Assert.Empty(Interactions(new PatientBuilder().WithMedication(Rx.Sertraline, "sertraline").WithMedication("161", "acetaminophen")));
    }

    [Fact]
    public void The_same_pair_is_reported_once_whichever_order_the_record_lists_it()
    {
        var forward = Interactions(new PatientBuilder().WithMedication(Rx.Tramadol, "tramadol").WithMedication(Rx.Sertraline, "sertraline"));
        var backward = Interactions(new PatientBuilder().WithMedication(Rx.Sertraline, "sertraline").WithMedication(Rx.Tramadol, "tramadol"));

        Assert.Single(forward);
        Assert.Equal(forward.Single().RuleId, backward.Single().RuleId);
    }
}
