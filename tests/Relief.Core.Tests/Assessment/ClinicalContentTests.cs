using Relief.Core.Assessment;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Model;
using Relief.Core.Patients;

namespace Relief.Core.Tests.Assessment;

/// <summary>
/// The clinical statements the issue names, checked on the shipped knowledge base: each test would fail if
/// the knowledge or the engine said otherwise.
/// </summary>
public class ClinicalContentTests
{
    private static readonly Assessor Engine = new(TestKnowledge.Real);

    private static PatientAssessment Assess(PatientBuilder patient) => Engine.Assess(patient.Build(), PatientBuilder.AsOf);

    private static TherapyOption Option(PatientAssessment a, string condition, string therapy) =>
        a.Conditions.Single(c => c.ConditionId == condition).Options.Single(o => o.TherapyId == therapy);

    [Fact]
    public void Fibromyalgia_on_long_term_prednisone_hears_corticosteroids_are_recommended_against_with_sources()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "95417003", "Primary fibromyalgia syndrome")
            .WithMedication("8640", "prednisone", start: new NodaTime.LocalDate(2024, 3, 1)));

        var review = Assert.Single(a.Medications);
        Assert.Equal(ReviewVerdict.RecommendedAgainst, review.Verdict);
        Assert.Contains(review.Findings, f => f.Evidence.SourceId == "eular-2007-fm" && f.Evidence.Grade.IsAgainst());
        Assert.Contains(review.Findings, f => f.Evidence.SourceId == "clark-1985");
        Assert.True(review.DaysOnTherapy > 365);
    }

    [Fact]
    public void Exercise_is_the_strongest_option_in_fibromyalgia()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "203082005"));

        var first = a.Conditions.Single(c => c.ConditionId == "fibromyalgia").Options[0];
        Assert.Equal("exercise", first.TherapyId);
        Assert.Equal(EvidenceGrade.StrongFor, first.Grade);
    }

    [Fact]
    public void Pregabalin_in_fibromyalgia_keeps_both_eular_for_and_nice_against()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "203082005"));

        var pregabalin = Option(a, "fibromyalgia", "pregabalin");
        var gabapentinoid = Option(a, "fibromyalgia", "gabapentinoid");
        Assert.Equal(EvidenceGrade.WeakFor, pregabalin.Grade);
        Assert.Contains(pregabalin.Evidence, e => e.SourceId == "eular-2016-fm");
        Assert.Contains(gabapentinoid.Evidence, e => e.SourceId == "nice-ng193" && e.Grade == EvidenceGrade.StrongAgainst && e.InheritedFrom == "chronic-primary-pain");
    }

    [Fact]
    public void A_fibromyalgia_patient_taking_pregabalin_sees_the_disagreement_in_the_review()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "203082005")
            .WithMedication("187832", "pregabalin"));

        Assert.Equal(ReviewVerdict.Contested, a.Medications[0].Verdict);
    }

    [Fact]
    public void Strong_opioids_are_strongly_against_in_fibromyalgia()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "203082005"));

        Assert.Equal(EvidenceGrade.StrongAgainst, Option(a, "fibromyalgia", "strong-opioid").Grade);
    }

    [Theory]
    [InlineData("tca")]
    [InlineData("snri")]
    [InlineData("pregabalin")]
    [InlineData("gabapentin")]
    public void First_line_neuropathic_drugs_are_strong_for_line_1_in_painful_diabetic_neuropathy(string therapy)
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "368581000119106", "Neuropathy due to type 2 diabetes mellitus"));

        var option = Option(a, "painful-diabetic-neuropathy", therapy);
        Assert.Equal(EvidenceGrade.StrongFor, option.Grade);
        Assert.Equal(1, option.Line);
        Assert.All(option.Evidence, e => Assert.Equal("neuropathic-pain", e.InheritedFrom));
    }

    [Fact]
    public void Tcas_carry_the_neupsig_2015_nnt_and_nnh()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "247398009"));

        var neupsig = Option(a, "neuropathic-pain", "tca").Evidence.Single(e => e.SourceId == "neupsig-2015");
        Assert.Equal(3.6m, neupsig.Nnt!.Value);
        Assert.Equal(13.4m, neupsig.Nnh!.Value);
    }

    [Fact]
    public void Ssris_are_inconclusive_in_neuropathic_pain_and_rank_below_snris_and_tcas()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "247398009"));

        var options = a.Conditions.Single().Options;
        var ssri = options.Single(o => o.TherapyId == "ssri");
        Assert.Equal(EvidenceGrade.Insufficient, ssri.Grade);
        Assert.True(ssri.Rank > options.Single(o => o.TherapyId == "snri").Rank);
        Assert.True(ssri.Rank > options.Single(o => o.TherapyId == "tca").Rank);
    }

    [Fact]
    public void A_proposed_ssri_for_neuropathic_pain_is_reviewed_as_unproven()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "247398009")
            .WithMedication("36437", "sertraline", MedicationUse.Proposed));

        Assert.Equal(ReviewVerdict.Unproven, a.Medications[0].Verdict);
    }

    [Fact]
    public void Topical_agents_do_not_apply_to_central_pain_in_multiple_sclerosis()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "G35.D", recorded: new NodaTime.LocalDate(2025, 11, 1)));

        var ms = a.Conditions.Single(c => c.ConditionId == "ms-pain");
        Assert.DoesNotContain(ms.Options, o => o.TherapyId is "lidocaine" or "capsaicin");
        Assert.Contains(ms.Options, o => o.TherapyId == "snri" && o.Grade == EvidenceGrade.StrongFor);
        Assert.Null(ms.RecordedAs[0].CodingNote);
    }

    [Fact]
    public void G35_recorded_after_september_2025_is_flagged_for_recoding()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "G35", recorded: new NodaTime.LocalDate(2025, 12, 1)));

        Assert.Contains("retired", a.Conditions.Single().RecordedAs[0].CodingNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Graded_exercise_therapy_and_rituximab_are_recommended_against_in_me_cfs()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "G93.32", recorded: new NodaTime.LocalDate(2024, 1, 1)));

        Assert.Equal(EvidenceGrade.StrongAgainst, Option(a, "me-cfs", "graded-exercise-therapy").Grade);
        var rituximab = Option(a, "me-cfs", "rituximab");
        Assert.True(rituximab.Grade.IsAgainst());
        Assert.Contains(rituximab.Evidence, e => e.SourceId == "ritux-me-2019");
    }

    [Fact]
    public void The_2022_me_cfs_code_before_its_start_date_is_flagged()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "G93.32", recorded: new NodaTime.LocalDate(2021, 5, 1)));

        Assert.Contains("only exists from 2022-10-01", a.Conditions.Single().RecordedAs[0].CodingNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Ldn_in_fibromyalgia_is_contested_between_the_trials()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "203082005"));

        var naltrexone = Option(a, "fibromyalgia", "naltrexone");
        Assert.True(naltrexone.Contested);
        Assert.Equal(["younger-2013", "final-2024"], naltrexone.Evidence.Select(e => e.SourceId).Order().Reverse());
    }

    [Fact]
    public void Ivig_is_recommended_against_for_neuropathic_pain_on_the_small_fibre_trial()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "247398009"));

        var ivig = Option(a, "neuropathic-pain", "immune-globulin");
        Assert.Equal(EvidenceGrade.WeakAgainst, ivig.Grade);
        Assert.Equal("geerts-2021", ivig.Evidence.Single().SourceId);
    }

    [Fact]
    public void Nsaids_in_neuropathic_pain_are_insufficient_per_cochrane()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "247398009"));

        Assert.Equal("cochrane-nsaids-np-2015", Option(a, "neuropathic-pain", "nsaid").Evidence.Single().SourceId);
    }

    [Fact]
    public void Methotrexate_is_first_line_for_rheumatoid_arthritis()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "69896004"));

        var mtx = Option(a, "ra-pain", "methotrexate");
        Assert.Equal(1, mtx.Rank);
        Assert.Equal(EvidenceGrade.StrongFor, mtx.Grade);
    }

    [Fact]
    public void Stem_cell_therapy_is_experimental()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "52702003"));

        Assert.Equal(EvidenceGrade.Experimental, Option(a, "me-cfs", "stem-cell-therapy").Grade);
    }

    [Fact]
    public void Chronic_pain_is_a_broad_match_for_chronic_primary_pain()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "82423001", "Chronic pain"));

        Assert.True(a.Conditions.Single(c => c.ConditionId == "chronic-primary-pain").RecordedAs[0].BroadMatch);
    }

    [Theory]
    [InlineData("1049221", "acetaminophen,oxycodone")]
    [InlineData("1310197", "acetaminophen,hydrocodone")]
    [InlineData("105586", "methotrexate")]
    [InlineData("596930", "duloxetine")]
    [InlineData("1010600", "buprenorphine,naloxone")]
    public void Product_codes_map_to_every_ingredient(string rxnorm, string ingredients)
    {
        var a = Assess(new PatientBuilder().WithMedication(rxnorm, "product"));

        Assert.Equal(ingredients, string.Join(",", a.Medications[0].Ingredients.Select(i => i.DrugId).Order()));
        Assert.All(a.Medications[0].Ingredients, i => Assert.Equal(IngredientResolution.ProductTable, i.ResolvedBy));
    }

    [Fact]
    public void Every_evidence_statement_cites_a_source_with_a_year()
    {
        var knowledge = TestKnowledge.Real;
        Assert.All(knowledge.Statements, s => Assert.True(knowledge.Sources[s.SourceId].Year >= 1980, s.Id));
    }
}
