using Relief.Core.Knowledge.Loading;

namespace Relief.Core.Tests.Knowledge;

/// <summary>knowledge/opioids/ is validated on load: each broken fact is reported with its file and entry.</summary>
public sealed class OpioidKnowledgeLoaderTests : IDisposable
{
    private readonly KnowledgeCopy _copy = new(TestKnowledge.RealDirectory);

    public void Dispose() => _copy.Dispose();

    private KnowledgeError Single(string file, string find, string replace)
    {
        _copy.Replace(file, find, replace);
        var result = KnowledgeLoader.Load(_copy.Directory);
        Assert.False(result.Succeeded);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void The_shipped_opioid_knowledge_has_all_twelve_recommendations_and_its_value_sets()
    {
        var opioids = TestKnowledge.Real.Opioids;
        Assert.True(opioids.IsEnabled);
        Assert.Equal(Enumerable.Range(1, 12), opioids.Recommendations.Keys.Order());
        Assert.All(opioids.Rules.Values, r => Assert.Contains("cdc-opioid-2022", r.SourceIds));
        Assert.True(opioids.ValueSets["opioid-analgesics"].Codes.Count > 500);
    }

    [Fact]
    public void A_category_other_than_A_or_B_is_refused()
    {
        var error = Single("opioids/guideline.yaml", "    category: B\n    evidence-type: 3\n    verified: V\n  - number: 2", "    category: C\n    evidence-type: 3\n    verified: V\n  - number: 2");
        Assert.Equal(("opioids/guideline.yaml", "recommendation 1"), (error.File, error.Entry));
    }

    [Fact]
    public void A_rule_without_a_source_is_refused()
    {
        var error = Single("opioids/guideline.yaml", "    sources: [cdc-opioid-2022, opioid-cds-r4]\n    verified: V\n  - id: cdc-2022/rec-2-treatment-plan", "    verified: V\n  - id: cdc-2022/rec-2-treatment-plan");
        Assert.Equal("cdc-2022/rec-1-acute-nonopioid", error.Entry);
    }

    [Fact]
    public void A_value_set_named_but_not_present_is_refused()
    {
        var error = Single("opioids/substances.yaml", "value-sets: [benzodiazepines]", "value-sets: [benzodiazepine-medications]");
        Assert.Contains("benzodiazepine-medications", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_window_is_refused()
    {
        var error = Single("opioids/guideline.yaml", "  acute-max-days: { value: 7, source: opioid-cds-r4, verified: V }\n", "");
        Assert.Equal("windows.acute-max-days", error.Entry);
    }

    [Fact]
    public void Without_an_opioids_folder_the_review_is_off() =>
        Assert.False(TestKnowledge.Mini.Opioids.IsEnabled);
}
