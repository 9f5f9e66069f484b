using System.Collections.Immutable;
using Relief.Core.Assessment;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;
using Relief.Core.Patients;

namespace Relief.Core.Tests.Assessment;

/// <summary>
/// A class statement reaches exactly the members and forms its source's evidence covers, and a member hears every
/// statement that reaches it, its own and its classes', each saying where it came from (shipped knowledge).
/// </summary>
public class ClassEvidenceTests
{
    private const string NeuropathicPain = "247398009";
    private const string Fibromyalgia = "203082005";

    private static readonly Assessor Engine = new(TestKnowledge.Real);

    private static PatientAssessment Assess(PatientBuilder patient) => Engine.Assess(patient.Build(), PatientBuilder.AsOf);

    private static ImmutableArray<TherapyOption> Options(PatientAssessment a, string condition) =>
        a.Conditions.Single(c => c.ConditionId == condition).Options;

    private static MedicationReview ReviewOf(string condition, string rxnorm, string display) =>
        Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, condition).WithMedication(rxnorm, display, MedicationUse.Proposed)).Medications.Single();

    private static MedicationReview ReviewOfNamed(string condition, string name) =>
        Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, condition).WithNamedMedication(name, MedicationUse.Proposed)).Medications.Single();

    // --- issue 6 §1.5: a class statement covers the members its source studied ---

    [Theory]
    [InlineData("72625", "duloxetine")]
    [InlineData("39786", "venlafaxine")]
    public void NeuPSIG_snri_evidence_reaches_duloxetine_and_venlafaxine(string rxnorm, string name)
    {
        var review = ReviewOf(NeuropathicPain, rxnorm, name);

        var neupsig = Assert.Single(review.Findings, f => f.Evidence.StatementId == "neuropathic-pain-snri-neupsig-2015");
        Assert.Equal(EvidenceGrade.StrongFor, neupsig.Evidence.Grade);
        Assert.Equal("snri", neupsig.Evidence.StatedFor.Id);
        Assert.Equal("duloxetine and venlafaxine only", neupsig.Evidence.Qualifier);
    }

    [Fact]
    public void NeuPSIG_snri_evidence_does_not_reach_milnacipran()
    {
        var review = ReviewOf(NeuropathicPain, "588250", "milnacipran");

        Assert.DoesNotContain(review.Findings, f => f.Evidence.StatedFor.Id == "snri");
        Assert.Equal(ReviewVerdict.NoEvidenceForConditions, review.Verdict);
    }

    [Theory]
    [InlineData("7804", "oxycodone")]
    [InlineData("7052", "morphine")]
    public void NeuPSIG_strong_opioid_evidence_reaches_oxycodone_and_morphine(string rxnorm, string name)
    {
        var review = ReviewOf(NeuropathicPain, rxnorm, name);

        Assert.Contains(review.Findings, f => f.Evidence.StatementId == "neuropathic-pain-strong-opioid-neupsig-2015" && f.Evidence.Line == 3);
    }

    [Theory]
    [InlineData("6754", "meperidine")]
    [InlineData("4337", "fentanyl")]
    public void NeuPSIG_strong_opioid_evidence_does_not_reach_opioids_it_did_not_study(string rxnorm, string name)
    {
        var review = ReviewOf(NeuropathicPain, rxnorm, name);

        Assert.DoesNotContain(review.Findings, f => f.Evidence.SourceId is "neupsig-2015" or "neupsig-2025");
    }

    [Fact]
    public void Capsaicin_cream_hears_nice_cg173_and_the_inconclusive_neupsig_cream_finding_not_the_patch_recommendation()
    {
        var review = ReviewOfNamed(NeuropathicPain, "capsaicin 0.075 % Topical Cream");

        var ids = review.Findings.Select(f => f.Evidence.StatementId).ToList();
        Assert.Contains("neuropathic-pain-capsaicin-nice-cg173", ids);
        Assert.Contains("neuropathic-pain-capsaicin-cream-neupsig-2015", ids);
        Assert.DoesNotContain("neuropathic-pain-capsaicin-neupsig-2015", ids);
    }

    [Fact]
    public void The_capsaicin_8_percent_patch_hears_neupsig_not_nice_cg173_cream()
    {
        var review = ReviewOfNamed(NeuropathicPain, "Qutenza capsaicin 8 % Transdermal System");

        var ids = review.Findings.Select(f => f.Evidence.StatementId).ToList();
        Assert.Contains("neuropathic-pain-capsaicin-neupsig-2015", ids);
        Assert.DoesNotContain("neuropathic-pain-capsaicin-nice-cg173", ids);
        Assert.DoesNotContain("neuropathic-pain-capsaicin-cream-neupsig-2015", ids);
    }

    [Fact]
    public void A_capsaicin_product_of_unknown_form_keeps_every_statement_each_with_its_form()
    {
        var review = ReviewOfNamed(NeuropathicPain, "capsaicin");

        var cg173 = Assert.Single(review.Findings, f => f.Evidence.StatementId == "neuropathic-pain-capsaicin-nice-cg173");
        Assert.Equal("capsaicin cream only", cg173.Evidence.Qualifier);
        Assert.Contains(review.Findings, f => f.Evidence.StatementId == "neuropathic-pain-capsaicin-neupsig-2015");
    }

    [Fact]
    public void Nice_cg173_supports_tramadol_only_as_rescue_therapy_and_says_so()
    {
        var review = ReviewOf(NeuropathicPain, "10689", "tramadol");

        var cg173 = Assert.Single(review.Findings, f => f.Evidence.StatementId == "neuropathic-pain-tramadol-nice-cg173");
        Assert.Equal(StatementUsage.Rescue, cg173.Evidence.Usage);
        Assert.Contains("rescue", cg173.Evidence.Qualifier, StringComparison.Ordinal);
        var neupsig = Assert.Single(review.Findings, f => f.Evidence.StatementId == "neuropathic-pain-tramadol-neupsig-2015");
        Assert.Null(neupsig.Evidence.Qualifier);
    }

    // --- issue 6 §3: a member hears its class, on a fibromyalgia patient ---

    [Fact]
    public void Pregabalin_in_fibromyalgia_is_contested_with_the_class_statement_named_as_its_origin()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, Fibromyalgia));

        var pregabalin = Options(a, "fibromyalgia").Single(o => o.TherapyId == "pregabalin");
        Assert.True(pregabalin.Contested);
        Assert.Equal(EvidenceGrade.WeakFor, pregabalin.Grade);
        var own = Assert.Single(pregabalin.Evidence, e => e.StatementId == "fibromyalgia-pregabalin-eular-2016");
        Assert.Equal(TherapyKind.Drug, own.StatedFor.Kind);
        var fromClass = Assert.Single(pregabalin.Evidence, e => e.StatementId == "chronic-primary-pain-gabapentinoid-nice-ng193");
        Assert.Equal(TherapyKind.DrugClass, fromClass.StatedFor.Kind);
        Assert.Equal("gabapentinoid", fromClass.StatedFor.Id);
        Assert.Equal(EvidenceGrade.StrongAgainst, fromClass.Grade);
    }

    [Fact]
    public void Tramadol_in_fibromyalgia_is_contested_by_the_opioid_class_statement()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, Fibromyalgia));

        var tramadol = Options(a, "fibromyalgia").Single(o => o.TherapyId == "tramadol");
        Assert.True(tramadol.Contested);
        Assert.Contains(tramadol.Evidence, e => e.StatedFor.Id == "opioid" && e.Grade == EvidenceGrade.StrongAgainst);
        // Strong-opioid statements do not reach tramadol, a weak opioid.
        Assert.DoesNotContain(tramadol.Evidence, e => e.StatedFor.Id == "strong-opioid");
    }

    [Fact]
    public void A_class_row_stays_only_for_members_not_listed_on_their_own()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, Fibromyalgia));

        var gabapentinoids = Options(a, "fibromyalgia").Single(o => o.TherapyId == "gabapentinoid");
        Assert.Equal(["gabapentin"], gabapentinoids.ForMembers.Select(m => m.Id));
        Assert.True(gabapentinoids.OtherMembersListed);
        Assert.Equal("25480", Assert.Single(gabapentinoids.Codes).Value);
        Assert.DoesNotContain(Options(a, "fibromyalgia"), o => o.TherapyId == "gabapentin");
    }

    [Fact]
    public void A_class_row_limited_to_some_members_carries_only_their_codes()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, NeuropathicPain));

        // NeuPSIG's SNRI statements cover duloxetine (own row) and venlafaxine, not milnacipran.
        var snri = Options(a, "neuropathic-pain").Single(o => o.TherapyId == "snri");
        Assert.Equal(["venlafaxine"], snri.ForMembers.Select(m => m.Id));
        Assert.Equal("39786", Assert.Single(snri.Codes).Value);
    }

    [Fact]
    public void A_member_the_patient_takes_gets_its_own_row_and_leaves_the_class_row_when_no_member_is_left()
    {
        var a = Assess(new PatientBuilder()
            .WithCondition(CodeSystems.Snomed, Fibromyalgia)
            .WithMedication("25480", "gabapentin"));

        var options = Options(a, "fibromyalgia");
        var gabapentin = options.Single(o => o.TherapyId == "gabapentin");
        Assert.Equal(EvidenceGrade.StrongAgainst, gabapentin.Grade);
        Assert.False(gabapentin.PatientResources.IsEmpty);
        Assert.Contains(gabapentin.Evidence, e => e.StatedFor.Id == "gabapentinoid");
        Assert.DoesNotContain(options, o => o.TherapyId == "gabapentinoid");
        Assert.Equal(Enumerable.Range(1, options.Length), options.Select(o => o.Rank));
    }

    [Fact]
    public void In_neuropathic_pain_the_gabapentinoid_class_row_goes_because_both_members_have_rows()
    {
        var a = Assess(new PatientBuilder().WithCondition(CodeSystems.Snomed, NeuropathicPain));

        var options = Options(a, "neuropathic-pain");
        Assert.DoesNotContain(options, o => o.TherapyId == "gabapentinoid");
        var gabapentin = options.Single(o => o.TherapyId == "gabapentin");
        Assert.Contains(gabapentin.Evidence, e => e.StatementId == "neuropathic-pain-gabapentinoid-neupsig-2025");
    }

    [Fact]
    public void A_proposed_pregabalin_review_is_contested_and_names_the_class_it_heard()
    {
        var review = ReviewOf(Fibromyalgia, "187832", "pregabalin");

        Assert.Equal(ReviewVerdict.Contested, review.Verdict);
        Assert.Contains(review.Findings, f => f.Evidence.StatedFor.Name.StartsWith("Gabapentinoids", StringComparison.Ordinal) && f.Evidence.Grade.IsAgainst());
        Assert.Contains(review.Findings, f => f.Evidence.StatedFor.Id == "pregabalin" && f.Evidence.Grade.IsFor());
    }
}
