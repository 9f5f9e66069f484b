using Relief.Core.Knowledge.Loading;

namespace Relief.Core.Tests.Knowledge;

/// <summary>Each safety validation rule (knowledge-format-safety.md §11), shown by breaking a copy of a knowledge base.</summary>
public sealed class SafetyKnowledgeLoaderTests : IDisposable
{
    private KnowledgeCopy? _copy;

    private string Root => _copy!.Directory;

    public void Dispose() => _copy?.Dispose();

    [Fact]
    public void The_miniature_safety_knowledge_is_valid()
    {
        Copy(TestKnowledge.MiniDirectory);

        var result = KnowledgeLoader.Load(Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Single(result.Knowledge!.Safety.Cautions);
        Assert.Equal(3, result.Knowledge.Safety.Interactions.Length);
    }

    [Theory]
    // ids
    [InlineData("safety/interactions.yaml", "id: three-pain-relievers", "id: ssri-opioid", "ssri-opioid", "duplicate interaction id")]
    [InlineData("safety/cautions.yaml", "id: opioid-older-adults", "id: Opioid_Older", "Opioid_Older", "id must be lower-case kebab-case")]
    [InlineData("safety/groups.yaml", "id: antidepressants-all,", "id: duloxetine,", "duloxetine", "group id must not equal a drug or class id")]
    [InlineData("safety/groups.yaml", "members: [antidepressant]", "members: [antidepressant, pain-relievers]", "antidepressants-all", "members: a cycle leads back to this entry")]
    // refs
    [InlineData("safety/cautions.yaml", "drugs: [opioid]", "drugs: [opioidz]", "opioid-older-adults", "drugs 'opioidz' is not a drug, class or group")]
    [InlineData("safety/groups.yaml", "members: [opioid, antidepressants-all]", "members: [opioid, nothing]", "pain-relievers", "member 'nothing' is not a drug, class or group")]
    [InlineData("safety/interactions.yaml", "washout-days: { sertraline: 14 }", "washout-days: { sertralin: 14 }", "ssri-opioid", "washout-days ref 'sertralin' is not a drug, class or group")]
    [InlineData("safety/doses.yaml", "{ drug: oxycodone, factor: 1.5", "{ drug: opioid, factor: 1.5", "opioid", "is not a drug (an ingredient id, not a class)")]
    [InlineData("response.yaml", "drugs: [snri], min-weeks", "drugs: [snris], min-weeks", "snri-trial", "drugs 'snris' is not a drug, class or group")]
    // factors, tests, threshold sets, bands
    [InlineData("safety/cautions.yaml", "factor: age-65-plus", "factor: age-99-plus", "opioid-older-adults", "factor 'age-99-plus' is not in safety/factors.yaml")]
    [InlineData("safety/factors.yaml", "test: qtc, above", "test: qtcx, above", "long-qt", "observation test 'qtcx' is not in monitoring.yaml")]
    [InlineData("monitoring.yaml", "threshold-sets: [liver]", "threshold-sets: [kidney]", "duloxetine", "threshold set 'kidney' is not in monitoring.yaml")]
    [InlineData("response.yaml", "when-band: [good]", "when-band: [great]", "decision #1 (continue)", "band 'great' is not a band")]
    [InlineData("monitoring.yaml", "tests: [alt], within-days: 90", "tests: [ast], within-days: 90", "duloxetine: baseline #1", "test 'ast' is not in monitoring.yaml")]
    // sources
    [InlineData("safety/cautions.yaml", "source: guideline-a\n    verified: V", "source: guideline-z\n    verified: V", "opioid-older-adults", "source 'guideline-z' is not in sources.yaml")]
    [InlineData("safety/cautions.yaml", "source: guideline-a\n    verified: V", "verified: V", "opioid-older-adults", "every statement must cite a source")]
    [InlineData("monitoring.yaml", "action: withhold-and-discuss, source: guideline-a", "action: withhold-and-discuss", "liver: threshold #1 (alt)", "every statement must cite a source")]
    // vocabularies
    [InlineData("safety/cautions.yaml", "severity: avoid", "severity: major", "opioid-older-adults", "severity must be one of contraindicated, avoid, caution")]
    [InlineData("safety/interactions.yaml", "severity: major", "severity: avoid", "ssri-opioid", "severity must be one of contraindicated, major, moderate")]
    [InlineData("safety/doses.yaml", "kind: max-daily, max-daily", "kind: maximum, max-daily", "duloxetine-max", "kind must be one of max-daily, renal-bands, pattern, mme-daily")]
    [InlineData("safety/doses.yaml", "severity: major\n    rationale", "severity: avoid\n    rationale", "duloxetine-renal", "severity must be one of major, moderate")]
    [InlineData("safety/cautions.yaml", "severity: avoid", "severity: avoid\n    applies-to: started", "opioid-older-adults", "applies-to must be one of any, proposed, current")]
    [InlineData("monitoring.yaml", "comparator: \">\"", "comparator: \"=>\"", "liver: threshold #1 (alt)", "comparator must be one of")]
    [InlineData("monitoring.yaml", "action: withhold-and-discuss", "action: withhold", "liver: threshold #1 (alt)", "action must be one of stop, withhold-and-discuss, investigate, review")]
    [InlineData("safety/vaccines.yaml", "live: true", "live: maybe", "mmr", "live must be true, false or unknown")]
    [InlineData("safety/factors.yaml", "measure: crcl", "measure: mdrd", "kidney-low", "kidney-function measure must be one of crcl, egfr")]
    [InlineData("safety/doses.yaml", "measure: crcl", "measure: gfr", "duloxetine-renal", "measure must be one of crcl, egfr")]
    [InlineData("monitoring.yaml", "clock: since-start", "clock: monthly", "duloxetine: schedule", "clock must be one of since-start, since-start-or-dose-change")]
    [InlineData("safety/cautions.yaml", "verified: V", "verified: Y", "opioid-older-adults", "verified must be V or K")]
    [InlineData("safety/interactions.yaml", "kind: count", "kind: many", "three-pain-relievers", "kind must be one of count (got 'many')")]
    [InlineData("safety/interactions.yaml", "b-vaccines: live", "b-vaccines: all", "steroid-live-vaccine", "b-vaccines must be one of live (got 'all')")]
    [InlineData("safety/interactions.yaml", "kind: count", "kind: count\n    c: [opioid]", "three-pain-relievers", "only a combination rule has c (a third side)")]
    [InlineData("safety/interactions.yaml", "b-vaccines: live", "b-vaccines: live\n    c: [opioid]", "steroid-live-vaccine", "only a combination rule has c (a third side)")]
    [InlineData("safety/interactions.yaml", "b: [opioid]", "b: [opioid]\n    c: [steroid]", "ssri-opioid", "washout-days is not supported")]
    [InlineData("safety/interactions.yaml", "b: [opioid]", "b: [opioid]\n    c: [opioidz]", "ssri-opioid", "c 'opioidz' is not a drug, class or group")]
    // codes
    [InlineData("safety/factors.yaml", "code: \"9651007\"", "code: \"9651008\"", "long-qt", "SNOMED CT code '9651008' is not well-formed")]
    [InlineData("monitoring.yaml", "code: \"8636-3\"", "code: \"8636-4\"", "qtc", "LOINC code '8636-4' is not well-formed")]
    [InlineData("safety/factors.yaml", "code: \"LA6577-6\"", "code: \"LA65X7-6\"", "result-interpretation", "LOINC code 'LA65X7-6' is not well-formed")]
    [InlineData("safety/factors.yaml", "prefix: \"N18.4\"", "prefix: \"N18.4.1\"", "kidney-low", "ICD-10-CM prefix 'N18.4.1' is not well-formed")]
    [InlineData("safety/vaccines.yaml", "cvx: [\"03\"]", "cvx: [\"0003\"]", "mmr", "CVX code '0003' is not well-formed")]
    [InlineData("safety/vaccines.yaml", "cvx: [\"140\"]", "cvx: [\"140\", \"3\"]", "influenza", "CVX code '3' is already used by 'mmr'")]
    // units
    [InlineData("monitoring.yaml", "unit: ms,", "unit: msec2,", "qtc", "unit 'msec2' is not in units.yaml")]
    [InlineData("monitoring.yaml", "value: 100, unit: \"U/L\"", "value: 100, unit: \"mg\"", "liver: threshold #1 (alt)", "threshold unit 'mg' is not the test's unit (U/L) or convertible to it")]
    [InlineData("safety/factors.yaml", "above: 500, unit: ms", "above: 500, unit: kg", "long-qt", "observation unit 'kg' is not the test's unit (ms) or convertible to it")]
    [InlineData("units.yaml", "{ from: \"g\", to: \"mg\"", "{ from: \"grams\", to: \"mg\"", "grams -> mg", "from unit 'grams' is not a ucum code of an alias entry")]
    [InlineData("units.yaml", "analyte: creatinine, source: guideline-a }\n  - { from: \"umol/L\"", "analyte: creatinin, source: guideline-a }\n  - { from: \"umol/L\"", "mg/dL -> umol/L (creatinin)", "analyte 'creatinin' is not the analyte of any test")]
    [InlineData("safety/doses.yaml", "max-daily: { value: 120, unit: mg }, severity", "max-daily: { value: 120, unit: kg }, severity", "duloxetine-max", "max-daily unit 'kg' must be a mass unit")]
    // ranges that must tile
    [InlineData("safety/doses.yaml", "crcl-min: 30, max-daily", "crcl-min: 25, max-daily", "duloxetine-renal", "renal bands overlap at 25")]
    [InlineData("safety/doses.yaml", "crcl-min: 30, max-daily", "crcl-min: 35, max-daily", "duloxetine-renal", "renal bands leave a gap from 30 to 35")]
    [InlineData("safety/doses.yaml", "crcl-min: 30, max-daily", "crcl-min: 30, crcl-below: 200, max-daily", "duloxetine-renal", "renal bands must cover up to infinity")]
    [InlineData("monitoring.yaml", "{ from-week: 6, every-weeks: 12 }", "{ from-week: 8, every-weeks: 12 }", "duloxetine: schedule", "phases must be contiguous from week 0 (expected 6)")]
    [InlineData("monitoring.yaml", "{ from-week: 0, to-week: 6, every-weeks: 2 }", "{ from-week: 0, every-weeks: 2 }", "duloxetine: schedule", "is open-ended but is not the last phase")]
    [InlineData("response.yaml", "{ id: worse, label", "{ id: worse, min-reduction-percent: -100, label", "worse", "exactly the last band has no condition")]
    public void A_broken_safety_entry_fails_with_file_entry_and_reason(string file, string find, string replace, string entry, string reason)
    {
        Copy(TestKnowledge.MiniDirectory);
        Replace(file, find, replace);

        var result = KnowledgeLoader.Load(Root);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.File == file && e.Entry == entry && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_ref_that_resolves_to_no_ingredient_is_an_error()
    {
        Copy(TestKnowledge.MiniDirectory);

        // oxycodone is the only opioid; moved out of the class, "opioid" names nothing.
        Replace("drugs.yaml", "class: opioid, rxnorm", "class: steroid, rxnorm");

        var result = KnowledgeLoader.Load(Root);

        Assert.Contains(result.Errors, e => e.File == "safety/cautions.yaml" && e.Entry == "opioid-older-adults" && e.Reason == "drugs 'opioid' resolves to no ingredient");
        Assert.Contains(result.Errors, e => e.File == "safety/groups.yaml" && e.Entry == "pain-relievers" && e.Reason == "member 'opioid' resolves to no ingredient");
    }

    [Fact]
    public void A_misspelt_safety_field_is_an_error_not_a_silently_dropped_fact()
    {
        Copy(TestKnowledge.MiniDirectory);
        Replace("safety/cautions.yaml", "    severity: avoid", "    sevrity: avoid");

        var result = KnowledgeLoader.Load(Root);

        var error = Assert.Single(result.Errors);
        Assert.Equal("safety/cautions.yaml", error.File);
        Assert.StartsWith("line ", error.Entry, StringComparison.Ordinal);
        Assert.Contains("sevrity", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verified_note_and_convention_are_allowed_on_every_entry()
    {
        Copy(TestKnowledge.MiniDirectory);
        Replace("safety/vaccines.yaml", "live: true, cvx", "live: true, verified: K, note: \"why\", convention: \"none\", cvx");
        Replace("monitoring.yaml", "{ from-week: 6, every-weeks: 12 }", "{ from-week: 6, every-weeks: 12, convention: true }");

        var result = KnowledgeLoader.Load(Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    [Fact]
    public void A_missing_safety_file_is_named()
    {
        Copy(TestKnowledge.MiniDirectory);
        File.Delete(Path.Combine(Root, "safety", "interactions.yaml"));

        var result = KnowledgeLoader.Load(Root);

        Assert.Contains(result.Errors, e => e.File == "safety/interactions.yaml" && e.Reason == "file not found");
    }

    [Fact]
    public void Every_safety_problem_is_reported_at_once()
    {
        Copy(TestKnowledge.MiniDirectory);
        Replace("safety/cautions.yaml", "severity: avoid", "severity: severe");
        Replace("safety/vaccines.yaml", "live: true", "live: yes");
        Replace("monitoring.yaml", "clock: since-start", "clock: never");

        var result = KnowledgeLoader.Load(Root);

        Assert.Equal(3, result.Errors.Length);
    }

    [Theory]
    [InlineData("- id: cimetidine\n", "- id: cimetidine-removed\n", "safety/groups.yaml", "cyp2c19-inhibitors", "member 'cimetidine' is not a drug, class or group")]
    [InlineData("- id: hormonal-contraceptive\n", "- id: hormonal-contraceptives\n", "safety/interactions.yaml", "carbamazepine-hormonal-contraceptive", "b 'hormonal-contraceptive' is not a drug, class or group")]
    [InlineData("- id: hiv-protease-inhibitor\n", "- id: hiv-protease-inhibitor-class\n", "safety/groups.yaml", "hiv-protease-inhibitors", "member 'hiv-protease-inhibitor' is not a drug, class or group")]
    public void The_ids_added_to_drugs_yaml_are_needed_by_the_shipped_safety_files(string find, string replace, string file, string entry, string reason)
    {
        Copy(TestKnowledge.RealDirectory);
        var drugs = File.ReadAllText(Path.Combine(Root, "drugs.yaml"));

        // Renaming the id (and the classes that point at it) leaves the safety file's ref dangling.
        Assert.Contains(find, drugs, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(Root, "drugs.yaml"), drugs
            .Replace(find, replace, StringComparison.Ordinal)
            .Replace("class: hormonal-contraceptive\n", "class: hormonal-contraceptives\n", StringComparison.Ordinal)
            .Replace("class: hiv-protease-inhibitor\n", "class: hiv-protease-inhibitor-class\n", StringComparison.Ordinal));

        var result = KnowledgeLoader.Load(Root);

        Assert.Contains(result.Errors, e => e.File == file && e.Entry == entry && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    private void Copy(string source) => _copy = new KnowledgeCopy(source);

    private void Replace(string file, string find, string replace) => _copy!.Replace(file, find, replace);
}
