using Relief.Core.Knowledge.Loading;

namespace Relief.Core.Tests.Knowledge;

/// <summary>
/// What a statement says it covers (members, excludes, product forms, usage) and a condition's exclusions are
/// checked on load: each rule shown by adding a broken entry to a copy of the miniature knowledge base.
/// </summary>
public sealed class EvidenceScopeValidationTests : IDisposable
{
    private const string Evidence = "evidence/general-pain.yaml";

    private readonly KnowledgeCopy _copy = new(TestKnowledge.MiniDirectory);

    public void Dispose() => _copy.Dispose();

    [Theory]
    [InlineData("therapy: snri, members: [nothing]", "members names unknown drug 'nothing'")]
    [InlineData("therapy: snri, members: [sertraline]", "members names 'sertraline', which is not a member of class 'snri'")]
    [InlineData("therapy: snri, excludes: [oxycodone]", "excludes names 'oxycodone', which is not a member of class 'snri'")]
    [InlineData("therapy: antidepressant, members: [duloxetine], excludes: [duloxetine]", "'duloxetine' is in both members and excludes")]
    [InlineData("therapy: duloxetine, members: [duloxetine]", "members and excludes apply to a class statement; 'duloxetine' is not a class")]
    [InlineData("therapy: lidocaine, forms: [lidocaine-patch]", "form 'lidocaine-patch' is not a form of lidocaine in drugs.yaml")]
    [InlineData("therapy: snri, forms: [lidocaine-patch]", "forms apply to a drug statement; 'snri' is not a drug")]
    [InlineData("therapy: lidocaine, usage: sometimes", "usage must be one of any, rescue")]
    public void A_statement_that_names_what_it_cannot_cover_fails(string scope, string reason)
    {
        AddStatement(scope);

        var result = KnowledgeLoader.Load(_copy.Directory);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.File == Evidence && e.Entry == "general-scoped-a" && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("therapy: antidepressant, members: [duloxetine]")]
    [InlineData("therapy: antidepressant, excludes: [sertraline]")]
    [InlineData("therapy: lidocaine, usage: rescue")]
    public void A_statement_naming_real_members_or_a_known_usage_loads(string scope)
    {
        AddStatement(scope);

        var result = KnowledgeLoader.Load(_copy.Directory);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    [Fact]
    public void A_form_the_drug_declares_can_be_named_by_a_statement()
    {
        _copy.Replace("drugs.yaml", "brands: [Lidoderm] }", "brands: [Lidoderm], forms: [{ id: lidocaine-plaster, name: lidocaine 5% plaster, match: [Patch] }] }");
        AddStatement("therapy: lidocaine, forms: [lidocaine-plaster]");

        var result = KnowledgeLoader.Load(_copy.Directory);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal("lidocaine-plaster", Assert.Single(result.Knowledge!.Statements.Single(s => s.Id == "general-scoped-a").Forms));
    }

    [Fact]
    public void A_form_without_match_text_fails()
    {
        _copy.Replace("drugs.yaml", "brands: [Lidoderm] }", "brands: [Lidoderm], forms: [{ id: lidocaine-plaster, name: lidocaine 5% plaster, match: [] }] }");

        var result = KnowledgeLoader.Load(_copy.Directory);

        Assert.Contains(result.Errors, e => e.File == "drugs.yaml" && e.Entry == "lidocaine" && e.Reason.Contains("needs at least one match text", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("widespread-pain", "conditions: [nowhere]", "excluded-when 'nowhere' is not in conditions.yaml")]
    [InlineData("widespread-pain", "conditions: [widespread-pain]", "excluded-when cannot name the condition itself")]
    [InlineData("widespread-pain", "conditions: []", "excluded-when needs at least one condition or code")]
    [InlineData("general-pain", "conditions: [central-pain]", "the condition has no broad code")]
    public void A_broken_condition_exclusion_fails(string condition, string exclusion, string reason)
    {
        AddExclusion(condition, exclusion, "reason: secondary pain");

        var result = KnowledgeLoader.Load(_copy.Directory);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.File == "conditions.yaml" && e.Entry == condition && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_condition_exclusion_needs_a_reason()
    {
        AddExclusion("widespread-pain", "conditions: [general-pain]", "note: no reason given");

        var result = KnowledgeLoader.Load(_copy.Directory);

        Assert.Contains(result.Errors, e => e.Entry == "widespread-pain" && e.Reason.Contains("excluded-when reason is required", StringComparison.Ordinal));
    }

    [Fact]
    public void An_excluded_member_does_not_hear_the_class_statement_and_the_others_do()
    {
        AddStatement("therapy: antidepressant, excludes: [sertraline]");
        var knowledge = KnowledgeLoader.Load(_copy.Directory).Knowledge!;
        var engine = new Relief.Core.Assessment.Assessor(knowledge);

        var a = engine.Assess(
            new PatientBuilder()
                .WithCondition(Relief.Core.Codes.CodeSystems.Snomed, "247398009")
                .WithMedication("36437", "sertraline", Relief.Core.Patients.MedicationUse.Proposed)
                .WithMedication("72625", "duloxetine", Relief.Core.Patients.MedicationUse.Proposed)
                .Build(),
            PatientBuilder.AsOf);

        Assert.DoesNotContain(a.Medications[0].Findings, f => f.Evidence.StatementId == "general-scoped-a");
        Assert.Contains(a.Medications[1].Findings, f => f.Evidence.StatementId == "general-scoped-a" && f.Evidence.Excludes.Contains("sertraline"));
    }

    private void AddStatement(string scope) =>
        File.AppendAllText(
            Path.Combine(_copy.Directory, Evidence),
            $"  - {{ id: general-scoped-a, {scope}, grade: weak-for, summary: Scoped statement., source: guideline-a }}\n");

    private void AddExclusion(string condition, string exclusion, string reason)
    {
        var anchor = $"  - id: {condition}\n";
        _copy.Replace("conditions.yaml", anchor, $"{anchor}    excluded-when: {{ {exclusion}, {reason} }}\n");
    }
}
