using Relief.Core.Knowledge.Loading;

namespace Relief.Core.Tests.Knowledge;

/// <summary>
/// The load-time rules of knowledge/opioids/ (docs/knowledge-format-opioids.md) that had no test of their own:
/// each row breaks one fact in a copy of the shipped knowledge and expects the error naming file, entry and
/// what is wrong, so deleting or loosening the rule fails its row.
/// </summary>
public sealed class OpioidValidationRuleTests : IDisposable
{
    private readonly KnowledgeCopy _copy = new(TestKnowledge.RealDirectory);

    public void Dispose() => _copy.Dispose();

    [Theory]
    // guideline.yaml
    [InlineData("opioids/guideline.yaml", "source: cdc-opioid-2022\n\nrecommendations:", "source: cdc-opioid-2099\n\nrecommendations:", "(guideline)", "source 'cdc-opioid-2099' must name the guideline in sources.yaml")]
    [InlineData("opioids/guideline.yaml", "    category: B\n    evidence-type: 3\n    verified: V\n  - number: 2", "    category: B\n    evidence-type: 5\n    verified: V\n  - number: 2", "recommendation 1", "evidence-type must be one of 1, 2, 3, 4 (got '5')")]
    [InlineData("opioids/guideline.yaml", "  - number: 2\n", "  - number: 1\n", "recommendation 1", "number must be 1 to 12 and unique")]
    [InlineData("opioids/guideline.yaml", "  - number: 2\n", "  - number: 1\n", "recommendations", "all twelve recommendations are required (found 11)")]
    [InlineData("opioids/guideline.yaml", "    topic: Nonopioid therapies first for acute pain\n", "", "recommendation 1", "a recommendation needs a topic and a statement")]
    [InlineData("opioids/guideline.yaml", "  - id: cdc-2022/rec-1-acute-nonopioid\n", "  - id: cdc-2022/acute-nonopioid\n", "cdc-2022/acute-nonopioid", "rule id must be cdc-2022/rec-<number>-<kebab-case>")]
    [InlineData("opioids/guideline.yaml", "  - id: cdc-2022/rec-2-treatment-plan\n", "  - id: cdc-2022/rec-1-acute-nonopioid\n", "cdc-2022/rec-1-acute-nonopioid", "duplicate rule id")]
    [InlineData("opioids/guideline.yaml", "  - id: cdc-2022/rec-1-acute-nonopioid\n    recommendation: 1\n", "  - id: cdc-2022/rec-1-acute-nonopioid\n    recommendation: 13\n", "cdc-2022/rec-1-acute-nonopioid", "recommendation '13' is not one of the twelve")]
    [InlineData("opioids/guideline.yaml", "    recommendation: 1\n    severity: info\n", "    recommendation: 1\n    severity: low\n", "cdc-2022/rec-1-acute-nonopioid", "severity must be one of")]
    [InlineData("opioids/guideline.yaml", "    title: \"Acute pain opioid order for an opioid-naive patient: consider nonopioid options first\"\n", "", "cdc-2022/rec-1-acute-nonopioid", "a rule needs a title, why and action")]
    [InlineData("opioids/guideline.yaml", "windows:\n", "windows:\n  child-age: { value: 12, source: cdc-opioid-2022, verified: V }\n", "windows.child-age", "window must be one of")]
    [InlineData("opioids/guideline.yaml", "  acute-max-days: { value: 7,", "  acute-max-days: { value: 0,", "windows.acute-max-days", "window must be above 0")]
    [InlineData("opioids/guideline.yaml", "    conditions: [sickle-cell-diseases]\n", "", "sickle-cell-disease", "an exclusion needs at least one value set (conditions, procedures, observations, encounter-dispositions, encounter-types, service-requests or encounter-diagnoses)")]
    // substances.yaml
    [InlineData("opioids/substances.yaml", "  - id: opioid-analgesic\n", "  - id: opioid-analgesics\n", "opioid-analgesic", "this medication group is required by the opioid review")]
    [InlineData("opioids/substances.yaml", "    drug-classes: [opioid]\n", "    drug-classes: [opioids]\n", "opioid-analgesic", "drug class 'opioids' is not in drugs.yaml")]
    [InlineData("opioids/substances.yaml", "    drugs: [methadone]\n", "    drugs: [methadon]\n", "extended-release-opioid", "drug 'methadon' is not in drugs.yaml")]
    [InlineData("opioids/substances.yaml", "    drug-classes: [opioid]\n    sources: [opioid-cds-r4]\n    verified: V\n", "    drug-classes: [opioid]\n    sources: [opioid-cds-r4]\n", "opioid-analgesic", "verified must be V or K")]
    [InlineData("opioids/substances.yaml", "    kind: opioid\n    explained-by: [oxycodone]\n", "    kind: opioid\n", "oxycodone", "an opioid analyte must list the prescribed ingredients that explain it (explained-by)")]
    [InlineData("opioids/substances.yaml", "    kind: opioid\n    explained-by: [oxycodone]\n", "    kind: narcotic\n    explained-by: [oxycodone]\n", "oxycodone", "kind must be one of")]
    [InlineData("opioids/substances.yaml", "  positive: [pos, detected, reactive, presumptive positive]\n", "", "result-text", "positive and negative words for text results are required")]
    [InlineData("opioids/substances.yaml", "code: POS, display: Positive }", "code: POS, display: \"\" }", "result-text", "code 'POS' needs a display")]
    // value sets and additions
    [InlineData("opioids/value-sets/benzodiazepines.yaml", "name: \"Benzodiazepine medications\"\n", "", "benzodiazepines", "a value set needs a name and the url it was carried over from")]
    [InlineData("opioids/value-sets/benzodiazepines.yaml", "  http://www.nlm.nih.gov/research/umls/rxnorm:\n", "  rxnorm-list:\n", "benzodiazepines", "code entry needs a known system and a code (got system 'rxnorm-list', code '104683')")]
    [InlineData("opioids/value-set-additions.yaml", "    display: Combined opioid with other drug dependence\n", "", "addition #1", "an addition needs a known system, a code and its display")]
    [InlineData("opioids/value-set-additions.yaml", "    note: In the reference's earlier opioid-misuse-disorders", "    note: \"\"\n    convention: In the reference's earlier opioid-misuse-disorders", "addition #1", "an addition must say in note: why the code is added")]
    [InlineData("opioids/value-set-additions.yaml", "  - value-set: opioid-use-disorders\n    system: http://snomed.info/sct\n    code: \"191865004\"", "  - value-set: opioid-use-disorder\n    system: http://snomed.info/sct\n    code: \"191865004\"", "addition #1", "value set 'opioid-use-disorder' is not in opioids/value-sets/")]
    public void A_broken_opioid_entry_fails_with_file_entry_and_reason(string file, string find, string replace, string entry, string reason)
    {
        _copy.Replace(file, find, replace);

        var result = KnowledgeLoader.Load(_copy.Directory);

        Assert.False(result.Succeeded);
        Assert.True(
            result.Errors.Any(e => e.File == file && e.Entry == entry && e.Reason.Contains(reason, StringComparison.Ordinal)),
            $"expected {file}: {entry}: ...{reason}...; got\n{string.Join("\n", result.Errors)}");
    }
}
