using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// The rest of the clinical audit's section 2 (issue 6): drug-drug rules that needed new ingredients (CYP3A4 inhibitors,
/// dextromethorphan, carisoprodol, baclofen), NSAID patient factors, carbamazepine/oxcarbazepine and HLA-B*15:02, the
/// targeted immunosuppressants (JAK inhibitors, tocilizumab, abatacept, mycophenolate) and the live vaccines added.
/// Drugs without a confirmed RxCUI are given by product name, as records without the code carry them.
/// </summary>
public class AuditSection2Tests
{
    private const string Itraconazole = "28031";
    private const string Dextromethorphan = "3289";
    private const string Carisoprodol = "2101";
    private const string Baclofen = "1292";
    private const string Tofacitinib = "1357536";
    private const string Tocilizumab = "612865";
    private const string MycophenolateMofetil = "68149";
    private const string HlaB1502 = "57979-7";

    private static InteractionFinding? Interaction(PatientBuilder patient, string ruleId) =>
        Assess(patient).Safety.Interactions.SingleOrDefault(i => i.RuleId == ruleId);

    private static CautionFinding? Caution(PatientBuilder patient, string ruleId) =>
        Assess(patient).Safety.Cautions.FirstOrDefault(c => c.RuleId == ruleId);

    // ---------------------------------------------------------------- strong CYP3A4 inhibitors + opioids (boxed)

    [Theory]
    [InlineData("clarithromycin 500 MG Oral Tablet", Rx.Oxycodone)]
    [InlineData("ketoconazole 200 MG Oral Tablet", Rx.Fentanyl)]
    [InlineData("itraconazole 100 MG Oral Capsule", Rx.Oxycodone)]
    public void Each_strong_cyp3a4_inhibitor_named_by_the_boxed_warning_fires_with_a_cyp3a4_opioid(string inhibitor, string opioid)
    {
        var finding = Interaction(new PatientBuilder().Aged(50).WithNamedMedication(inhibitor).WithMedication(opioid, "opioid", MedicationUse.Proposed, AsOf), "strong-cyp3a4-inhibitor-opioid");

        Assert.Equal(InteractionSeverity.Major, finding?.Severity);
    }

    [Fact]
    public void Itraconazole_is_recognised_by_its_rxcui_and_spares_morphine()
    {
        var patient = new PatientBuilder().Aged(50).WithMedication(Itraconazole, "itraconazole");

        Assert.NotNull(Interaction(patient.WithMedication(Rx.Oxycodone, "oxycodone", MedicationUse.Proposed, AsOf), "strong-cyp3a4-inhibitor-opioid"));
        Assert.Null(Interaction(new PatientBuilder().Aged(50).WithMedication(Itraconazole, "itraconazole").WithMedication(Rx.Morphine, "morphine", MedicationUse.Proposed, AsOf), "strong-cyp3a4-inhibitor-opioid"));
    }

    // ---------------------------------------------------------------- MAOI + dextromethorphan; opioid + muscle relaxants

    [Fact]
    public void Dextromethorphan_with_an_maoi_is_contraindicated()
    {
        var finding = Interaction(new PatientBuilder().Aged(40).WithMedication(Rx.Phenelzine, "phenelzine").WithMedication(Dextromethorphan, "dextromethorphan", MedicationUse.Proposed, AsOf), "maoi-dextromethorphan");

        Assert.Equal(InteractionSeverity.Contraindicated, finding?.Severity);
    }

    [Fact]
    public void Dextromethorphan_within_two_weeks_of_stopping_an_maoi_fires_and_after_them_does_not()
    {
        PatientBuilder Stopped(int daysAgo) => new PatientBuilder().Aged(40)
            .WithMedication(Rx.Phenelzine, "phenelzine", MedicationUse.Past, Date(2026, 1, 1), AsOf.PlusDays(-daysAgo))
            .WithMedication(Dextromethorphan, "dextromethorphan", MedicationUse.Proposed, AsOf);

        Assert.NotNull(Interaction(Stopped(10), "maoi-dextromethorphan"));
        Assert.Null(Interaction(Stopped(20), "maoi-dextromethorphan"));
    }

    [Fact]
    public void Dextromethorphan_with_an_ssri_is_not_the_maoi_rule()
    {
        Assert.Null(Interaction(new PatientBuilder().Aged(40).WithMedication(Rx.Sertraline, "sertraline").WithMedication(Dextromethorphan, "dextromethorphan", MedicationUse.Proposed, AsOf), "maoi-dextromethorphan"));
    }

    [Theory]
    [InlineData(Carisoprodol)]
    [InlineData(Baclofen)]
    public void Carisoprodol_and_baclofen_with_an_opioid_are_major_at_any_age(string relaxant)
    {
        var finding = Interaction(new PatientBuilder().Aged(35).WithMedication(Rx.Oxycodone, "oxycodone").WithMedication(relaxant, "relaxant", MedicationUse.Proposed, AsOf), "opioid-skeletal-muscle-relaxant");

        Assert.Equal(InteractionSeverity.Major, finding?.Severity);
    }

    [Fact]
    public void Baclofen_without_an_opioid_has_no_opioid_relaxant_finding()
    {
        Assert.Null(Interaction(new PatientBuilder().Aged(35).WithMedication(Rx.Gabapentin, "gabapentin").WithMedication(Baclofen, "baclofen", MedicationUse.Proposed, AsOf), "opioid-skeletal-muscle-relaxant"));
    }

    // ---------------------------------------------------------------- NSAID patient factors

    [Theory]
    [InlineData("K25.4", "Chronic or unspecified gastric ulcer with hemorrhage")]
    [InlineData("K26.9", "Duodenal ulcer, unspecified")]
    [InlineData("K92.2", "Gastrointestinal hemorrhage, unspecified")]
    public void An_nsaid_with_a_past_ulcer_or_gi_bleed_is_avoid_at_any_age(string icd, string display)
    {
        var patient = new PatientBuilder().Aged(45).WithCondition(CodeSystems.Icd10Cm, icd, display, ConditionClinicalStatus.Resolved)
            .WithMedication(Rx.Naproxen, "naproxen", MedicationUse.Proposed, AsOf);

        var caution = Caution(patient, "nsaid-peptic-ulcer-gi-bleeding");

        Assert.Equal(CautionSeverity.Avoid, caution?.Severity);
        Assert.True(caution!.BoxedWarning);
    }

    [Fact]
    public void An_nsaid_with_gastro_oesophageal_reflux_only_has_no_ulcer_caution()
    {
        var patient = new PatientBuilder().Aged(45).WithCondition(CodeSystems.Icd10Cm, "K21.9", "Gastro-esophageal reflux disease without esophagitis")
            .WithMedication(Rx.Naproxen, "naproxen", MedicationUse.Proposed, AsOf);

        Assert.Null(Caution(patient, "nsaid-peptic-ulcer-gi-bleeding"));
    }

    // ---------------------------------------------------------------- carbamazepine / oxcarbazepine and HLA-B*15:02

    [Fact]
    public void Proposed_carbamazepine_in_an_hla_b_1502_carrier_is_avoid_with_the_boxed_warning()
    {
        var patient = new PatientBuilder().Aged(30).WithTextResult(HlaB1502, "Positive", Date(2024, 3, 1))
            .WithMedication(Rx.Carbamazepine, "carbamazepine", MedicationUse.Proposed, AsOf);

        var caution = Caution(patient, "carbamazepine-hla-b-1502");

        Assert.Equal(CautionSeverity.Avoid, caution?.Severity);
        Assert.True(caution!.BoxedWarning);
    }

    [Fact]
    public void A_negative_hla_b_1502_result_raises_no_caution_and_answers_the_screening_question()
    {
        var assessment = Assess(new PatientBuilder().Aged(30).WithTextResult(HlaB1502, "Negative", Date(2024, 3, 1))
            .WithMedication(Rx.Carbamazepine, "carbamazepine", MedicationUse.Proposed, AsOf));

        Assert.DoesNotContain(assessment.Safety.Cautions, c => c.RuleId == "carbamazepine-hla-b-1502");
        Assert.DoesNotContain(assessment.Monitoring, f => f.RuleId == "carbamazepine/baseline-1");
    }

    [Fact]
    public void Proposed_oxcarbazepine_in_a_carrier_is_avoid()
    {
        var patient = new PatientBuilder().Aged(30).WithTextResult(HlaB1502, "Positive", Date(2024, 3, 1))
            .WithNamedMedication("oxcarbazepine 300 MG Oral Tablet", MedicationUse.Proposed, AsOf);

        Assert.Equal(CautionSeverity.Avoid, Caution(patient, "oxcarbazepine-hla-b-1502")?.Severity);
    }

    [Fact]
    public void Proposed_carbamazepine_without_results_asks_for_blood_counts_and_suggests_the_hla_test_and_sodium()
    {
        var monitoring = Assess(new PatientBuilder().Aged(30).WithMedication(Rx.Carbamazepine, "carbamazepine", MedicationUse.Proposed, AsOf)).Monitoring;

        var hla = Assert.Single(monitoring, f => f.RuleId == "carbamazepine/baseline-1");
        var counts = Assert.Single(monitoring, f => f.RuleId == "carbamazepine/baseline-2");
        var sodium = Assert.Single(monitoring, f => f.RuleId == "carbamazepine/baseline-3");
        Assert.Equal(MonitoringFindingKind.Consider, hla.Kind);
        Assert.Equal(MonitoringFindingKind.BaselineMissing, counts.Kind);
        Assert.Equal(new[] { "wbc", "platelets", "hemoglobin" }, counts.TestIds.ToArray());
        Assert.Equal(MonitoringFindingKind.Consider, sodium.Kind);
    }

    [Fact]
    public void Recent_blood_counts_satisfy_the_carbamazepine_baseline()
    {
        var monitoring = Assess(new PatientBuilder().Aged(30)
            .WithResult(Loinc.Wbc, 6.1m, "10*3/uL", Date(2026, 10, 1)).WithResult(Loinc.Platelets, 250m, "10*3/uL", Date(2026, 10, 1)).WithResult("718-7", 13.5m, "g/dL", Date(2026, 10, 1))
            .WithMedication(Rx.Carbamazepine, "carbamazepine", MedicationUse.Proposed, AsOf)).Monitoring;

        Assert.DoesNotContain(monitoring, f => f.RuleId == "carbamazepine/baseline-2");
    }

    // ---------------------------------------------------------------- JAK inhibitors, tocilizumab, abatacept, mycophenolate

    [Theory]
    [InlineData(Tofacitinib)]
    [InlineData(Tocilizumab)]
    public void A_jak_inhibitor_or_tocilizumab_is_not_started_during_an_active_infection(string drug)
    {
        var patient = new PatientBuilder().Aged(50).WithCondition(CodeSystems.Snomed, "444814009", "Viral sinusitis (disorder)", onset: Date(2026, 11, 10))
            .WithMedication(drug, "drug", MedicationUse.Proposed, AsOf);

        Assert.Equal(CautionSeverity.Avoid, Caution(patient, "jak-inhibitor-active-infection")?.Severity);
    }

    [Fact]
    public void A_current_jak_inhibitor_with_a_minor_infection_is_not_told_to_stop()
    {
        var patient = new PatientBuilder().Aged(50).WithCondition(CodeSystems.Snomed, "444814009", "Viral sinusitis (disorder)", onset: Date(2026, 11, 10))
            .WithMedication(Tofacitinib, "tofacitinib");

        var assessment = Assess(patient);
        Assert.DoesNotContain(assessment.Safety.Cautions, c => c.RuleId is "jak-inhibitor-active-infection" or "targeted-immunosuppressant-serious-infection");
    }

    [Theory]
    [InlineData(Tofacitinib, "targeted-immunosuppressant-serious-infection")]
    [InlineData(MycophenolateMofetil, "targeted-immunosuppressant-serious-infection")]
    public void A_serious_infection_on_a_targeted_immunosuppressant_means_withhold(string drug, string rule)
    {
        var patient = new PatientBuilder().Aged(50).WithCondition(CodeSystems.Snomed, "233604007", "Pneumonia (disorder)", onset: Date(2026, 11, 10))
            .WithMedication(drug, "drug");

        Assert.Equal(CautionSeverity.Avoid, Caution(patient, rule)?.Severity);
    }

    [Fact]
    public void Abatacept_with_pneumonia_has_its_own_unboxed_caution()
    {
        var caution = Caution(new PatientBuilder().Aged(50).WithCondition(CodeSystems.Snomed, "233604007", "Pneumonia (disorder)", onset: Date(2026, 11, 10))
            .WithNamedMedication("abatacept 125 MG/ML Prefilled Syringe"), "abatacept-serious-infection");

        Assert.NotNull(caution);
        Assert.False(caution.BoxedWarning);
    }

    [Fact]
    public void Latent_tuberculosis_before_a_jak_inhibitor_must_be_treated_first()
    {
        var assessment = Assess(new PatientBuilder().Aged(50).WithCondition(CodeSystems.Icd10Cm, "Z22.7", "Latent TB")
            .WithMedication(Tofacitinib, "tofacitinib", MedicationUse.Proposed, AsOf));

        Assert.Contains(assessment.Safety.Cautions, c => c.RuleId == "targeted-immunosuppressant-latent-tb");
        Assert.DoesNotContain(assessment.Monitoring, f => f.RuleId == "jak-inhibitor/baseline-1");
    }

    [Fact]
    public void A_jak_inhibitor_without_a_tb_test_misses_its_baseline_and_a_negative_igra_answers_it()
    {
        Assert.Contains(Assess(new PatientBuilder().Aged(50).WithMedication(Tofacitinib, "tofacitinib", MedicationUse.Proposed, AsOf)).Monitoring,
            f => f.RuleId == "jak-inhibitor/baseline-1" && f.Kind == MonitoringFindingKind.BaselineMissing);
        Assert.DoesNotContain(
            Assess(new PatientBuilder().Aged(50).WithCodedResult(Loinc.Igra, CodeSystems.Snomed, "260385009", "Negative", Date(2026, 9, 1))
                .WithMedication(Tofacitinib, "tofacitinib", MedicationUse.Proposed, AsOf)).Monitoring,
            f => f.RuleId == "jak-inhibitor/baseline-1");
    }

    [Fact]
    public void Mycophenolate_is_contraindicated_in_pregnancy_and_not_outside_it()
    {
        PatientBuilder Woman() => new PatientBuilder().Aged(30).WithSex(AdministrativeSex.Female).WithMedication(MycophenolateMofetil, "mycophenolate");

        var caution = Caution(Woman().WithCondition(CodeSystems.Icd10Cm, "Z34.01", "Normal first pregnancy", onset: Date(2026, 9, 1)), "mycophenolate-pregnancy");

        Assert.Equal(CautionSeverity.Contraindicated, caution?.Severity);
        Assert.Null(Caution(Woman(), "mycophenolate-pregnancy"));
    }

    [Theory]
    [InlineData(Tofacitinib, "csdmard-live-vaccine")]
    [InlineData(MycophenolateMofetil, "csdmard-live-vaccine")]
    [InlineData(Tocilizumab, "biologic-live-vaccine")]
    public void A_live_vaccine_proposed_on_a_targeted_immunosuppressant_fires(string drug, string rule)
    {
        var interactions = Assess(new PatientBuilder().Aged(50).WithMedication(drug, "drug").WithVaccineOrder("37", "yellow fever vaccine")).Safety.Interactions;

        Assert.Contains(interactions, i => i.RuleId == rule);
    }

    // ---------------------------------------------------------------- live vaccines added

    [Theory]
    [InlineData("56", "dengue fever tetravalent")]
    [InlineData("204", "Ebola Zaire vaccine, live, recombinant, 1mL dose")]
    public void Dengue_and_ebola_vaccines_are_live(string cvx, string display)
    {
        var finding = Interaction(new PatientBuilder().Aged(50).WithMedication(Rx.Adalimumab, "adalimumab").WithVaccineOrder(cvx, display), "biologic-live-vaccine");

        Assert.Equal(InteractionSeverity.Contraindicated, finding?.Severity);
    }

    [Theory]
    [InlineData("214")]
    [InlineData("26")]
    public void Unspecified_ebola_and_cholera_vaccines_ask_to_check_the_formulation_one_grade_lower(string cvx)
    {
        var finding = Interaction(new PatientBuilder().Aged(50).WithMedication(Rx.Adalimumab, "adalimumab").WithVaccineOrder(cvx, "vaccine, unspecified"), "biologic-live-vaccine");

        Assert.Equal(InteractionSeverity.Major, finding?.Severity);
    }

    // ---------------------------------------------------------------- tuberculin skin test (LOINC 1647-7)

    [Fact]
    public void A_tuberculin_skin_test_answers_the_tb_screening_baseline()
    {
        var monitoring = Assess(new PatientBuilder().Aged(50).WithResult("1647-7", 0, "mm", Date(2026, 9, 1))
            .WithMedication(Rx.Infliximab, "infliximab", MedicationUse.Proposed, AsOf)).Monitoring;

        Assert.DoesNotContain(monitoring, f => f.RuleId == "tnf-inhibitor/baseline-1");
    }

    [Theory]
    [InlineData(12, true)]
    [InlineData(5, true)]
    [InlineData(3, false)]
    public void A_skin_test_of_5_mm_or_more_is_latent_tuberculosis_before_a_biologic(int mm, bool latent)
    {
        var cautions = Assess(new PatientBuilder().Aged(50).WithResult("1647-7", mm, "mm", Date(2026, 9, 1))
            .WithMedication(Rx.Infliximab, "infliximab", MedicationUse.Proposed, AsOf)).Safety.Cautions;

        Assert.Equal(latent, cautions.Any(c => c.RuleId == "tnf-inhibitor-latent-tb"));
    }

    // ---------------------------------------------------------------- immune globulin product names

    [Theory]
    [InlineData("Immune Globulin, Human 100 MG/ML Injectable Solution", true)]
    [InlineData("Immune Globulin Intravenous (Human) 10 % Injectable Solution", true)]
    [InlineData("IGIV 5 % Injectable Solution", true)]
    [InlineData("hepatitis B immune globulin 220 UNT/ML Injectable Solution", false)]
    [InlineData("Rho(D) immune globulin 300 MCG Prefilled Syringe", false)]
    public void Ivig_product_names_resolve_to_immune_globulin_and_other_immune_globulins_do_not(string product, bool ivig)
    {
        var cautions = Assess(new PatientBuilder().Aged(70).WithNamedMedication(product, MedicationUse.Proposed, AsOf)).Safety.Cautions;

        Assert.Equal(ivig, cautions.Any(c => c.RuleId == "ivig-older-adults"));
    }
}
