using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// Clinical audit 1.7: MME of fentanyl patches and meperidine, buprenorphine reported as not counted, citalopram's
/// CYP2C19 limits, pregabalin's fibromyalgia maximum, latent TB recorded as a positive TST/IGRA diagnosis, and the
/// methotrexate contraindications citing the labels that state them.
/// </summary>
public class AuditDoseAndFactorTests
{
    private const string FentanylPatch75 = "72 HR Fentanyl 0.075 MG/HR Transdermal System";
    private const string FentanylPatch25 = "72 HR Fentanyl 0.025 MG/HR Transdermal System";

    private static DosageFact OnePatchEvery72Hours => Dose.Of(1, "patch", 1, 72, "h");

    private static DoseFinding? Mme(PatientBuilder patient) =>
        Assess(patient).Safety.Doses.SingleOrDefault(d => d.RuleId.StartsWith("opioid-mme", StringComparison.Ordinal));

    [Fact]
    public void A_75_mcg_per_hour_fentanyl_patch_is_180_mme_and_reaches_the_90_mme_finding()
    {
        var finding = Mme(new PatientBuilder().Aged(50).WithNamedMedication(FentanylPatch75, dosage: OnePatchEvery72Hours));

        Assert.NotNull(finding);
        Assert.Equal("opioid-mme-90", finding.RuleId);
        Assert.Equal(180m, finding.Computed.Value);
        Assert.DoesNotContain(finding.Notes, n => n.Contains("incomplete", StringComparison.Ordinal));
    }

    [Fact]
    public void A_25_mcg_per_hour_patch_is_60_mme_and_two_applied_at_once_are_120()
    {
        Assert.Equal("opioid-mme-50", Mme(new PatientBuilder().Aged(50).WithNamedMedication(FentanylPatch25, dosage: OnePatchEvery72Hours))!.RuleId);

        var two = Mme(new PatientBuilder().Aged(50).WithNamedMedication(FentanylPatch25, dosage: Dose.Of(2, "patch", 1, 72, "h")));
        Assert.Equal(120m, two!.Computed.Value);
    }

    [Fact]
    public void Meperidine_counts_at_a_tenth_of_morphine()
    {
        // 100 mg every 4 hours = 600 mg/day x 0.1 = 60 MME.
        var finding = Mme(new PatientBuilder().Aged(50).WithMedication("6754", "meperidine", dosage: Dose.Of(100, "mg", 1, 4, "h")));

        Assert.Equal(60m, finding!.Computed.Value);
    }

    [Fact]
    public void Buprenorphine_is_said_to_be_left_out_of_the_mme_total()
    {
        var assessment = Assess(new PatientBuilder().Aged(50).WithMedication("1819", "buprenorphine", dosage: Dose.MgDaily(8)));

        Assert.Contains(assessment.DataQuality, q => q.Kind == DataQualityKind.MmeIncomplete && q.Message.Contains("buprenorphine", StringComparison.Ordinal) && q.Message.Contains("partial agonist", StringComparison.Ordinal));
    }

    [Fact]
    public void Citalopram_30_mg_with_fluvoxamine_breaks_the_cyp2c19_inhibitor_limit()
    {
        var doses = Assess(new PatientBuilder().Aged(45).WithMedication(Rx.Citalopram, "citalopram", dosage: Dose.MgDaily(30)).WithMedication("42355", "fluvoxamine")).Safety.Doses;

        Assert.Contains(doses, d => d.RuleId == "citalopram-cyp2c19-inhibitor-max");
    }

    [Fact]
    public void Citalopram_30_mg_alone_at_45_is_within_limits()
    {
        Assert.DoesNotContain(
            Assess(new PatientBuilder().Aged(45).WithMedication(Rx.Citalopram, "citalopram", dosage: Dose.MgDaily(30))).Safety.Doses,
            d => d.RuleId.StartsWith("citalopram", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Poor metabolizer", true)]
    [InlineData("CYP2C19 *2/*2", true)]
    [InlineData("Normal metabolizer", false)]
    [InlineData("*1/*2", false)]
    public void Citalopram_30_mg_in_a_cyp2c19_poor_metaboliser_breaks_the_20_mg_limit(string result, bool fires)
    {
        var doses = Assess(new PatientBuilder().Aged(45).WithMedication(Rx.Citalopram, "citalopram", dosage: Dose.MgDaily(30))
            .WithTextResult("79714-2", result, Date(2025, 1, 1))).Safety.Doses;

        Assert.Equal(fires, doses.Any(d => d.RuleId == "citalopram-cyp2c19-poor-max"));
    }

    [Fact]
    public void Pregabalin_600_mg_breaks_the_fibromyalgia_maximum_only_in_fibromyalgia()
    {
        PatientBuilder Patient() => new PatientBuilder().Aged(45).WithMedication(Rx.Pregabalin, "pregabalin", dosage: Dose.Of(300, "mg", 2, 1, "d"));

        var withFm = Assess(Patient().WithCondition(CodeSystems.Snomed, "203082005", "Fibromyalgia")).Safety.Doses;
        var finding = Assert.Single(withFm, d => d.RuleId == "pregabalin-fibromyalgia-max");
        Assert.Equal(450m, finding.Limit!.Value);

        Assert.DoesNotContain(Assess(Patient()).Safety.Doses, d => d.RuleId.StartsWith("pregabalin", StringComparison.Ordinal));
    }

    [Fact]
    public void Pregabalin_450_mg_in_fibromyalgia_is_within_the_maximum()
    {
        var doses = Assess(new PatientBuilder().Aged(45).WithMedication(Rx.Pregabalin, "pregabalin", dosage: Dose.Of(150, "mg", 3, 1, "d"))
            .WithCondition(CodeSystems.Icd10Cm, "M79.7", "Fibromyalgia")).Safety.Doses;

        Assert.DoesNotContain(doses, d => d.RuleId.StartsWith("pregabalin", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("R76.11")]
    [InlineData("R76.12")]
    public void A_positive_tst_or_igra_recorded_as_a_diagnosis_is_latent_tb_for_a_tnf_inhibitor(string code)
    {
        var assessment = Assess(new PatientBuilder().Aged(50).WithCondition(CodeSystems.Icd10Cm, code, "reaction")
            .WithMedication(Rx.Adalimumab, "adalimumab", MedicationUse.Proposed, AsOf));

        Assert.Contains(assessment.Safety.Cautions, c => c.RuleId == "tnf-inhibitor-latent-tb");
    }

    [Fact]
    public void Methotrexate_liver_contraindication_cites_a_label_that_states_it_not_the_plr_label()
    {
        var caution = Assert.Single(
            Assess(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "K74.60", "Cirrhosis").WithMedication(Rx.Methotrexate, "methotrexate")).Safety.Cautions,
            c => c.RuleId == "methotrexate-liver");

        Assert.DoesNotContain(caution.Sources, s => s.Id == "methotrexate-label");
        Assert.Contains(caution.Sources, s => s.Id == "methotrexate-tablets-label-non-plr");
    }
}
