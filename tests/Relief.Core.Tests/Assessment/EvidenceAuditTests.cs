using Relief.Core.Assessment;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Model;
using Relief.Core.Patients;

namespace Relief.Core.Tests.Assessment;

/// <summary>
/// The evidence the clinical audit (issue 6) asked for, on the shipped knowledge: chronic primary pain set aside
/// beside secondary pain, ME/CFS against exercise programmes and immunotherapy, NeuPSIG's third line and against
/// list, EULAR RA 2022 on TNF inhibitors, and a therapy never shown unopposed across the patient's conditions.
/// </summary>
public class EvidenceAuditTests
{
    private const string ChronicPain = "82423001";
    private const string Fibromyalgia = "203082005";
    private const string MeCfs = "52702003";
    private const string NeuropathicPain = "247398009";

    private static readonly Assessor Engine = new(TestKnowledge.Real);

    private static PatientAssessment Assess(PatientBuilder patient) => Engine.Assess(patient.Build(), PatientBuilder.AsOf);

    private static TherapyOption Option(PatientAssessment a, string condition, string therapy) =>
        a.Conditions.Single(c => c.ConditionId == condition).Options.Single(o => o.TherapyId == therapy);

    // --- issue 6 §1.6: chronic primary pain (NICE NG193) is not secondary pain ---

    [Fact]
    public void A_chronic_pain_code_alone_brings_the_chronic_primary_pain_statements()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, ChronicPain));

        Assert.Contains(a.Conditions, c => c.ConditionId == "chronic-primary-pain");
        Assert.Empty(a.ConditionsSetAside);
    }

    [Theory]
    [InlineData(CodeSystems.Snomed, NeuropathicPain, "Neuropathic pain")]
    [InlineData(CodeSystems.Snomed, "69896004", "Pain in rheumatoid arthritis")]
    [InlineData(CodeSystems.Snomed, "55464009", "Pain in systemic lupus erythematosus")]
    [InlineData(CodeSystems.Snomed, "24700007", "Pain in multiple sclerosis")]
    [InlineData(CodeSystems.Snomed, "193184006", "Painful diabetic peripheral neuropathy")]
    public void A_chronic_pain_code_beside_a_secondary_cause_does_not_bring_nice_ng193(string system, string code, string because)
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Icd10Cm, "G89.29", "Other chronic pain")
            .WithCondition(system, code));

        Assert.DoesNotContain(a.Conditions, c => c.ConditionId == "chronic-primary-pain");
        Assert.DoesNotContain(a.Conditions.SelectMany(c => c.Options).SelectMany(o => o.Evidence), e => e.SourceId == "nice-ng193");
        var aside = Assert.Single(a.ConditionsSetAside);
        Assert.Equal("chronic-primary-pain", aside.ConditionId);
        Assert.Contains(because, aside.Because);
    }

    [Fact]
    public void Neoplasm_related_pain_sets_chronic_primary_pain_aside_by_its_code()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Icd10Cm, "G89.4", "Chronic pain syndrome")
            .WithCondition(CodeSystems.Icd10Cm, "G89.3", "Neoplasm related pain"));

        Assert.DoesNotContain(a.Conditions, c => c.ConditionId == "chronic-primary-pain");
        Assert.Contains(a.ConditionsSetAside.Single().Because, b => b.Contains("G89.3", StringComparison.Ordinal));
    }

    [Fact]
    public void An_active_lung_cancer_sets_chronic_primary_pain_aside_and_says_so()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, ChronicPain, "Chronic pain")
            .WithCondition(CodeSystems.Snomed, "254637007", "Non-small cell lung cancer"));

        Assert.DoesNotContain(a.Conditions, c => c.ConditionId == "chronic-primary-pain");
        Assert.Equal("Non-small cell lung cancer (SNOMED CT 254637007)", Assert.Single(a.ConditionsSetAside.Single().Because));
    }

    [Fact]
    public void A_resolved_lung_cancer_does_not_set_chronic_primary_pain_aside()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, ChronicPain, "Chronic pain")
            .WithCondition(CodeSystems.Snomed, "254637007", "Non-small cell lung cancer", ConditionClinicalStatus.Resolved));

        Assert.Contains(a.Conditions, c => c.ConditionId == "chronic-primary-pain");
    }

    [Fact]
    public void Fibromyalgia_beside_rheumatoid_arthritis_keeps_the_inherited_nice_ng193_statements()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, Fibromyalgia)
            .WithCondition(CodeSystems.Snomed, "69896004"));

        Assert.Contains(Option(a, "fibromyalgia", "exercise").Evidence, e => e.SourceId == "nice-ng193");
        Assert.Empty(a.ConditionsSetAside);
    }

    // --- issue 6 §2: ME/CFS (NICE NG206) ---

    [Fact]
    public void Fibromyalgia_with_me_cfs_does_not_show_exercise_strong_for_unopposed()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, Fibromyalgia)
            .WithCondition(CodeSystems.Snomed, MeCfs));

        var fibromyalgiaExercise = Option(a, "fibromyalgia", "exercise");
        Assert.Equal(EvidenceGrade.StrongFor, fibromyalgiaExercise.Grade);
        var conflict = Assert.Single(fibromyalgiaExercise.ConflictsWithOtherConditions);
        Assert.Equal("me-cfs", conflict.ConditionId);
        Assert.Equal("me-cfs-exercise-nice-ng206", conflict.Evidence.StatementId);

        var meCfsExercise = Option(a, "me-cfs", "exercise");
        Assert.Equal(EvidenceGrade.StrongAgainst, meCfsExercise.Grade);
        Assert.Contains(meCfsExercise.ConflictsWithOtherConditions, c => c.ConditionId == "fibromyalgia" && c.Evidence.Grade.IsFor());
    }

    [Fact]
    public void Fibromyalgia_alone_has_no_cross_condition_conflict()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, Fibromyalgia));

        Assert.All(a.Conditions.Single().Options, o => Assert.Empty(o.ConflictsWithOtherConditions));
    }

    [Theory]
    [InlineData("8640", "prednisone", "systemic-corticosteroid")]
    [InlineData("6851", "methotrexate", "methotrexate")]
    [InlineData("1256", "azathioprine", "thiopurine")]
    [InlineData("191831", "infliximab", "tnf-inhibitor")]
    public void Me_cfs_immunotherapy_proposed_as_treatment_is_recommended_against_by_nice_ng206(string rxnorm, string name, string statedFor)
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, MeCfs)
            .WithMedication(rxnorm, name, MedicationUse.Proposed));

        var review = a.Medications.Single();
        Assert.Equal(ReviewVerdict.RecommendedAgainst, review.Verdict);
        Assert.Contains(review.Findings, f => f.Evidence.SourceId == "nice-ng206" && f.Evidence.StatedFor.Id == statedFor && f.Evidence.Grade == EvidenceGrade.StrongAgainst);
    }

    [Fact]
    public void Me_cfs_trials_of_hydrocortisone_and_ivig_are_negative()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, MeCfs)
            .WithNamedMedication("hydrocortisone 10 MG Oral Tablet", MedicationUse.Proposed)
            .WithNamedMedication("IVIG 10 % Injectable Solution", MedicationUse.Proposed));

        Assert.Contains(a.Medications[0].Findings, f => f.Evidence.SourceId == "mckenzie-1998" && f.Evidence.Grade == EvidenceGrade.WeakAgainst);
        Assert.Contains(a.Medications[1].Findings, f => f.Evidence.SourceId == "vollmer-conna-1997" && f.Evidence.Grade == EvidenceGrade.WeakAgainst);
    }

    [Fact]
    public void Ivig_in_fibromyalgia_is_insufficient_evidence_with_its_source()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, Fibromyalgia));

        var ivig = Option(a, "fibromyalgia", "immune-globulin");
        Assert.Equal(EvidenceGrade.Insufficient, ivig.Grade);
        Assert.Equal("caro-2008", Assert.Single(ivig.Evidence).SourceId);
    }

    // --- issue 6 §2: NeuPSIG 2015: third line and against list ---

    [Fact]
    public void Botulinum_toxin_a_is_third_line_for_peripheral_neuropathic_pain_but_not_for_ms_pain()
    {
        var peripheral = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, NeuropathicPain));
        var ms = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "24700007"));

        var toxin = Option(peripheral, "neuropathic-pain", "botulinum-toxin-a");
        Assert.Equal(EvidenceGrade.WeakFor, toxin.Grade);
        Assert.Equal(3, toxin.Line);
        Assert.DoesNotContain(ms.Conditions.Single().Options, o => o.TherapyId == "botulinum-toxin-a");
    }

    [Theory]
    [InlineData("levetiracetam", EvidenceGrade.StrongAgainst)]
    [InlineData("mexiletine", EvidenceGrade.StrongAgainst)]
    [InlineData("valproate", EvidenceGrade.WeakAgainst)]
    [InlineData("cannabinoid", EvidenceGrade.WeakAgainst)]
    public void NeuPSIG_recommends_against(string therapy, EvidenceGrade grade)
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, NeuropathicPain));

        var option = Option(a, "neuropathic-pain", therapy);
        Assert.Equal(grade, option.Grade);
        Assert.All(option.Evidence, e => Assert.Equal("neupsig-2015", e.SourceId));
    }

    // --- issue 6 §2: EULAR RA 2022 ---

    [Fact]
    public void Proposed_infliximab_for_rheumatoid_arthritis_hears_eular_2022_through_its_class()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "69896004")
            .WithMedication("191831", "infliximab", MedicationUse.Proposed));

        var review = a.Medications.Single();
        Assert.Equal(ReviewVerdict.Supported, review.Verdict);
        var eular = Assert.Single(review.Findings, f => f.Evidence.SourceId == "eular-ra-2022");
        Assert.Equal("tnf-inhibitor", eular.Evidence.StatedFor.Id);
        Assert.Equal(2, eular.Evidence.Line);
    }
}
