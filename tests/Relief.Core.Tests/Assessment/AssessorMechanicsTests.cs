using System.Collections.Immutable;
using Relief.Core.Assessment;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;
using Relief.Core.Patients;

namespace Relief.Core.Tests.Assessment;

/// <summary>The engine's rules, on the miniature knowledge base (made-up sources, real shapes).</summary>
public class AssessorMechanicsTests
{
    private static readonly Assessor Engine = new(TestKnowledge.Mini);

    private static PatientAssessment Assess(PatientBuilder patient) => Engine.Assess(patient.Build(), PatientBuilder.AsOf);

    [Fact]
    public void A_condition_is_found_by_any_code_of_its_value_set()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "B02.29"));

        var condition = Assert.Single(a.Conditions);
        Assert.Equal("specific-pain", condition.ConditionId);
        Assert.Equal("http://hl7.org/fhir/sid/icd-10-cm|B02.29", condition.RecordedAs[0].Code.ToString());
    }

    [Fact]
    public void Options_rank_by_grade_then_line()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "247398009"));

        var options = a.Conditions[0].Options;
        Assert.Equal(["snri", "lidocaine", "opioid", "ssri"], options.Select(o => o.TherapyId));
        Assert.Equal([1, 2, 3, 4], options.Select(o => o.Rank));
        Assert.Equal(EvidenceGrade.StrongFor, options[0].Grade);
        Assert.Equal(1, options[0].Line);
        Assert.Equal(6.4m, options[0].Evidence[0].Nnt!.Value);
    }

    [Fact]
    public void A_narrower_condition_inherits_the_broader_evidence_and_keeps_its_own()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "2177002"));

        var lidocaine = a.Conditions[0].Options.Single(o => o.TherapyId == "lidocaine");
        Assert.Equal(EvidenceGrade.StrongFor, lidocaine.Grade);
        Assert.Equal(1, lidocaine.Rank);
        Assert.Equal(["specific-lidocaine-b", "general-lidocaine-a"], lidocaine.Evidence.Select(e => e.StatementId));
        Assert.Null(lidocaine.Evidence[0].InheritedFrom);
        Assert.Equal("general-pain", lidocaine.Evidence[1].InheritedFrom);
    }

    [Fact]
    public void A_statement_marked_not_for_a_condition_is_not_inherited_by_it()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "24700007"));

        var options = a.Conditions[0].Options;
        Assert.DoesNotContain(options, o => o.TherapyId == "lidocaine");
        Assert.Contains(options, o => o.TherapyId == "snri");
    }

    [Fact]
    public void Disagreeing_sources_are_both_kept_and_the_option_is_contested()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "203082005"));

        var duloxetine = a.Conditions[0].Options.Single(o => o.TherapyId == "duloxetine");
        Assert.True(duloxetine.Contested);
        Assert.Equal(EvidenceGrade.WeakFor, duloxetine.Grade);
        Assert.Equal([EvidenceGrade.WeakFor, EvidenceGrade.StrongAgainst], duloxetine.Evidence.Select(e => e.Grade));
        Assert.Equal(["guideline-a", "guideline-b"], duloxetine.Evidence.Select(e => e.SourceId));
        Assert.False(a.Conditions[0].Options.Single(o => o.TherapyId == "exercise").Contested);
    }

    [Fact]
    public void A_long_term_corticosteroid_in_widespread_pain_is_reviewed_as_recommended_against_with_its_sources()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "203082005")
            .WithMedication("8640", "prednisone 5 MG Oral Tablet", start: new NodaTime.LocalDate(2024, 11, 21)));

        var review = Assert.Single(a.Medications);
        Assert.Equal(ReviewVerdict.RecommendedAgainst, review.Verdict);
        Assert.Equal(730, review.DaysOnTherapy);
        Assert.Equal(["widespread-steroid-c", "widespread-steroid-a"], review.Findings.Select(f => f.Evidence.StatementId));
        Assert.All(review.Findings, f => Assert.Equal("widespread-pain", f.ConditionId));
    }

    [Fact]
    public void A_medication_is_reviewed_through_its_class_chain()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "247398009")
            .WithMedication("596930", "duloxetine 30 MG Delayed Release Oral Capsule"));

        var review = Assert.Single(a.Medications);
        Assert.Equal(ReviewVerdict.Supported, review.Verdict);
        Assert.Equal("general-snri-a", Assert.Single(review.Findings).Evidence.StatementId);
        Assert.Equal(IngredientResolution.ProductTable, review.Ingredients[0].ResolvedBy);
    }

    [Fact]
    public void A_drug_with_only_inconclusive_evidence_is_unproven()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "247398009")
            .WithMedication("36437", "sertraline"));

        Assert.Equal(ReviewVerdict.Unproven, a.Medications[0].Verdict);
    }

    [Fact]
    public void An_in_scope_drug_without_evidence_for_the_patients_conditions_says_so()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "203082005")
            .WithMedication("7804", "oxycodone"));

        Assert.Equal(ReviewVerdict.NoEvidenceForConditions, a.Medications[0].Verdict);
    }

    [Fact]
    public void A_co_medication_is_listed_but_not_assessed()
    {
        var a = Assess(new PatientBuilder().WithMedication("11289", "warfarin"));

        Assert.Equal(ReviewVerdict.NotAssessed, a.Medications[0].Verdict);
        Assert.Empty(a.Unrecognised);
    }

    [Fact]
    public void A_co_medication_that_a_source_speaks_of_is_reviewed()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "203082005").WithMedication("11289", "warfarin"));

        Assert.Equal(ReviewVerdict.RecommendedAgainst, a.Medications[0].Verdict);
        Assert.Equal("widespread-warfarin-c", Assert.Single(a.Medications[0].Findings).Evidence.StatementId);
    }

    [Fact]
    public void A_broader_condition_established_only_by_the_same_entry_as_a_narrower_one_is_not_listed_twice()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "2177002").WithCondition(CodeSystems.Snomed, "247398009"));
        Assert.Equal(["general-pain", "specific-pain"], a.Conditions.Select(c => c.ConditionId));

        var patient = new PatientBuilder().Build();
        var both = new Relief.Core.Patients.CodedText([new Code(CodeSystems.Snomed, "2177002"), new Code(CodeSystems.Snomed, "247398009")], "PHN");
        var single = Engine.Assess(
            patient with { Conditions = [new Relief.Core.Patients.ConditionFact
            {
                ResourceId = "c1",
                Concept = both,
                ClinicalStatus = ConditionClinicalStatus.Active,
                VerificationStatus = ConditionVerificationStatus.Confirmed,
                Onset = null,
                Abatement = null,
                Recorded = null,
            }] },
            PatientBuilder.AsOf);
        Assert.Equal("specific-pain", Assert.Single(single.Conditions).ConditionId);
    }

    [Fact]
    public void A_combination_product_maps_to_every_ingredient()
    {
        var a = Assess(new PatientBuilder().WithMedication("1049221", "Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet"));

        Assert.Equal(["acetaminophen", "oxycodone"], a.Medications[0].Ingredients.Select(i => i.DrugId));
    }

    [Fact]
    public void A_product_missing_from_the_table_is_read_from_its_name()
    {
        var a = Assess(new PatientBuilder().WithMedication("1049502", "12 HR Oxycodone Hydrochloride 10 MG Extended Release Oral Tablet"));

        var ingredient = Assert.Single(a.Medications[0].Ingredients);
        Assert.Equal("oxycodone", ingredient.DrugId);
        Assert.Equal(IngredientResolution.ProductName, ingredient.ResolvedBy);
    }

    [Fact]
    public void A_medication_nobody_can_place_is_listed_with_its_code()
    {
        var a = Assess(new PatientBuilder().WithMedication("316672", "Simvistatin 10 MG"));

        var unknown = Assert.Single(a.Unrecognised);
        Assert.Equal("http://www.nlm.nih.gov/research/umls/rxnorm|316672", unknown.Code);
        Assert.Equal("Simvistatin 10 MG", unknown.Display);
        Assert.Equal("med-1", unknown.ResourceId);
        Assert.Equal(ReviewVerdict.NotAssessed, a.Medications[0].Verdict);
    }

    [Fact]
    public void Condition_codes_outside_the_value_sets_are_listed_never_dropped()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "444814009", "Viral sinusitis")
            .WithCondition(CodeSystems.Snomed, "203082005"));

        Assert.Single(a.Conditions);
        var unknown = Assert.Single(a.Unrecognised);
        Assert.Equal("http://snomed.info/sct|444814009", unknown.Code);
        Assert.Equal("Condition", unknown.ResourceType);
    }

    [Fact]
    public void Resolved_and_refuted_conditions_are_not_assessed_but_counted()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "203082005", status: ConditionClinicalStatus.Resolved)
            .WithCondition(CodeSystems.Snomed, "247398009", verification: ConditionVerificationStatus.Refuted));

        Assert.Empty(a.Conditions);
        Assert.Equal(2, a.InactiveConditionsNotAssessed);
    }

    [Fact]
    public void A_broad_code_and_an_unconfirmed_diagnosis_are_flagged()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "82423001", verification: ConditionVerificationStatus.Provisional));

        var recorded = Assert.Single(a.Conditions[0].RecordedAs);
        Assert.True(recorded.BroadMatch);
        Assert.True(recorded.Unconfirmed);
    }

    [Fact]
    public void A_retired_icd10cm_code_still_matches_and_carries_a_coding_note()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "G35", recorded: new NodaTime.LocalDate(2026, 1, 5)));

        var recorded = Assert.Single(a.Conditions[0].RecordedAs);
        Assert.Contains("retired after 2025-09-30", recorded.CodingNote, StringComparison.Ordinal);

        var before = Assess(new PatientBuilder().WithCondition(CodeSystems.Icd10Cm, "G35", recorded: new NodaTime.LocalDate(2024, 1, 5)));
        Assert.Null(before.Conditions[0].RecordedAs[0].CodingNote);
    }

    [Fact]
    public void A_therapy_the_patient_already_has_is_marked_with_the_resource()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "203082005")
            .WithProcedure(CodeSystems.Snomed, "229065009"));

        var exercise = a.Conditions[0].Options.Single(o => o.TherapyId == "exercise");
        Assert.Equal("Procedure/proc-1", Assert.Single(exercise.PatientResources));
    }

    [Fact]
    public void Proposed_medications_are_reviewed_and_past_ones_are_not()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "203082005")
            .WithMedication("8640", "prednisone", MedicationUse.Proposed)
            .WithMedication("36437", "sertraline", MedicationUse.Past));

        var review = Assert.Single(a.Medications);
        Assert.Equal(MedicationUse.Proposed, review.Use);
        Assert.Null(review.DaysOnTherapy);
    }

    [Fact]
    public void The_engine_is_deterministic()
    {
        var patient = new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, "203082005")
            .WithCondition(CodeSystems.Snomed, "2177002")
            .WithMedication("1049221", "Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet")
            .Build();

        var first = Engine.Assess(patient, PatientBuilder.AsOf);
        var second = Engine.Assess(patient with { Conditions = patient.Conditions.Reverse().ToImmutableArray() }, PatientBuilder.AsOf);

        Assert.Equal(first.Conditions.Select(c => c.ConditionId), second.Conditions.Select(c => c.ConditionId));
        Assert.Equal(
            first.Conditions.SelectMany(c => c.Options).Select(o => $"{o.Rank}:{o.TherapyId}"),
            second.Conditions.SelectMany(c => c.Options).Select(o => $"{o.Rank}:{o.TherapyId}"));
    }

    [Fact]
    public void Age_is_computed_on_the_as_of_date()
    {
        var a = Engine.Assess(new PatientBuilder().Born(1960, 11, 22).Build(), PatientBuilder.AsOf);
        Assert.Equal(65, a.Age);
    }

    [Fact]
    public void Option_codes_list_every_member_ingredient_of_a_class()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, "247398009"));

        var snri = a.Conditions[0].Options.Single(o => o.TherapyId == "snri");
        Assert.Equal(["http://www.nlm.nih.gov/research/umls/rxnorm|72625"], snri.Codes.Select(c => c.ToString()));
        Assert.Equal(TherapyKind.DrugClass, snri.Kind);
        Assert.Equal("SNRI mechanism.", snri.Mechanism);
    }
}
