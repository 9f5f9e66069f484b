using Relief.Core.Knowledge.Loading;

namespace Relief.Core.Tests.Knowledge;

/// <summary>Each validation rule, shown by breaking a copy of the miniature knowledge base.</summary>
public sealed class KnowledgeLoaderTests : IDisposable
{
    private readonly KnowledgeCopy _copy = new(TestKnowledge.MiniDirectory);

    private string Root => _copy.Directory;

    public void Dispose() => _copy.Dispose();

    [Fact]
    public void The_miniature_knowledge_base_is_valid()
    {
        var result = KnowledgeLoader.Load(Root);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData("evidence/general-pain.yaml", "source: guideline-a }", "source: no-such-source }", "general-snri-a", "source 'no-such-source' is not in sources.yaml")]
    [InlineData("evidence/general-pain.yaml", ", source: guideline-a, not-for", ", not-for", "general-lidocaine-a", "every statement must cite a source")]
    [InlineData("evidence/general-pain.yaml", "therapy: ssri,", "therapy: nothing,", "general-ssri-a", "therapy 'nothing' is not a drug, class or therapy")]
    [InlineData("evidence/general-pain.yaml", "grade: insufficient", "grade: maybe", "general-ssri-a", "grade must be one of")]
    [InlineData("evidence/general-pain.yaml", "line: 3", "line: 4", "general-opioid-a", "line must be one of 1, 2, 3 (got '4')")]
    [InlineData("evidence/general-pain.yaml", "low: 5.2", "low: 7.0", "general-snri-a", "confidence interval must contain the value")]
    [InlineData("evidence/general-pain.yaml", "id: general-ssri-a", "id: general-snri-a", "general-snri-a", "duplicate statement id")]
    [InlineData("evidence/general-pain.yaml", "not-for: [central-pain]", "not-for: [nowhere]", "general-lidocaine-a", "not-for 'nowhere' is not in conditions.yaml")]
    [InlineData("conditions.yaml", "code: \"2177002\"", "code: \"2177003\"", "specific-pain", "SNOMED CT code '2177003' is not well-formed")]
    [InlineData("conditions.yaml", "inherits: [general-pain]\n    codes:\n      - { system: snomed, code: \"2177002\"", "inherits: [missing]\n    codes:\n      - { system: snomed, code: \"2177002\"", "specific-pain", "inherits 'missing' is not in conditions.yaml")]
    [InlineData("conditions.yaml", "name: General neuropathic pain\n", "name: General neuropathic pain\n    inherits: [specific-pain]\n", "general-pain", "inherits: a cycle leads back to this entry")]
    [InlineData("conditions.yaml", "name: General neuropathic pain\n", "name: General neuropathic pain\n    inherits: [general-pain]\n", "general-pain", "inherits: a cycle leads back to this entry")]
    [InlineData("conditions.yaml", "valid-to: 2025-09-30", "valid-to: 2025-13-30", "central-pain", "valid-to '2025-13-30' is not a date")]
    [InlineData("drugs.yaml", "class: snri, rxnorm", "class: snrx, rxnorm", "duloxetine", "class 'snrx' is not a class")]
    [InlineData("drugs.yaml", "rxnorm: \"36437\"", "rxnorm: \"72625\"", "sertraline", "rxnorm '72625' is already used by 'duloxetine'")]
    [InlineData("drugs.yaml", "atc: [N06AB06]", "atc: [N06AB6]", "sertraline", "ATC code 'N06AB6' is not well-formed")]
    [InlineData("drugs.yaml", "{ id: opioid, name: Opioids }", "{ id: opioid, name: Opioids, parent: opioid }", "opioid", "parent: a cycle leads back to this entry")]
    [InlineData("drugs.yaml", "{ id: antidepressant, name: Antidepressants,", "{ id: antidepressant, name: Antidepressants, parent: snri,", "antidepressant", "parent: a cycle leads back to this entry")]
    [InlineData("therapies.yaml", "id: exercise", "id: warfarin", "warfarin", "drugs, classes and therapies share one namespace")]
    [InlineData("products.yaml", "ingredients: [acetaminophen, oxycodone]", "ingredients: [acetaminophen, oxycontin]", "1049221", "ingredient 'oxycontin' is not in drugs.yaml")]
    [InlineData("sources.yaml", "year: 2019", "year: 19", "trial-c", "year is missing or not a year")]
    [InlineData("manifest.yaml", "version: 2026.1.0", "version: one", "(manifest)", "version must be a calendar version")]
    [InlineData("conventions.yaml", "course-gap-days: 30", "course-gap-days: 0", "course-gap-days", "must be a whole number of days")]
    [InlineData("conventions.yaml", "kidney-weight-within-days: 365\n", "", "kidney-weight-within-days", "must be a whole number of days")]
    public void A_broken_entry_fails_with_file_entry_and_reason(string file, string find, string replace, string entry, string reason)
    {
        var path = Path.Combine(Root, file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));

        var result = KnowledgeLoader.Load(Root);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.File == file && e.Entry == entry && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_field_is_an_error_not_a_silently_dropped_fact()
    {
        var path = Path.Combine(Root, "evidence", "general-pain.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("grade: strong-for", "grde: strong-for", StringComparison.Ordinal));

        var result = KnowledgeLoader.Load(Root);

        var error = Assert.Single(result.Errors);
        Assert.Equal("evidence/general-pain.yaml", error.File);
        Assert.StartsWith("line 3", error.Entry, StringComparison.Ordinal);
        Assert.Contains("grde", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_evidence_file_must_be_named_after_its_condition()
    {
        File.Move(Path.Combine(Root, "evidence", "central-pain.yaml"), Path.Combine(Root, "evidence", "central.yaml"));

        var result = KnowledgeLoader.Load(Root);

        Assert.Contains(result.Errors, e => e.File == "evidence/central.yaml" && e.Reason.Contains("central-pain.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        File.Delete(Path.Combine(Root, "therapies.yaml"));

        var result = KnowledgeLoader.Load(Root);

        Assert.Contains(result.Errors, e => e.File == "therapies.yaml" && e.Reason == "file not found");
    }

    [Fact]
    public void All_problems_are_reported_at_once()
    {
        var path = Path.Combine(Root, "evidence", "general-pain.yaml");
        File.WriteAllText(path, File.ReadAllText(path)
            .Replace("grade: insufficient", "grade: maybe", StringComparison.Ordinal)
            .Replace("line: 3", "line: 9", StringComparison.Ordinal));

        var result = KnowledgeLoader.Load(Root);

        Assert.Equal(2, result.Errors.Length);
    }
}
