using Relief.Core.Knowledge.Loading;

namespace Relief.Core.Tests.Knowledge;

/// <summary>
/// The load-time rules that had no test of their own (knowledge-format.md and knowledge-format-safety.md §11):
/// each row breaks one fact in a copy of the miniature knowledge base and expects the error that names the
/// file, the entry and what is wrong, so deleting or loosening the rule fails its row. The shared entry checks
/// (codes, sources, verified, references) are shown once per file kind.
/// </summary>
public sealed class ValidationRuleTests : IDisposable
{
    private readonly KnowledgeCopy _copy = new(TestKnowledge.MiniDirectory);

    public void Dispose() => _copy.Dispose();

    [Theory]
    // interactions.yaml
    [InlineData("safety/interactions.yaml", "group: pain-relievers", "group: pain-reliever", "three-pain-relievers", "group 'pain-reliever' is not in safety/groups.yaml")]
    [InlineData("safety/interactions.yaml", "min-count: 3", "min-count: 1", "three-pain-relievers", "min-count must be at least 2")]
    [InlineData("safety/interactions.yaml", "group: pain-relievers\n", "group: pain-relievers\n    a: [ssri]\n", "three-pain-relievers", "a count rule names a group, not a, b or b-vaccines")]
    [InlineData("safety/interactions.yaml", "b-vaccines: live", "b-vaccines: live\n    b: [opioid]", "steroid-live-vaccine", "a vaccine rule has b-vaccines instead of b")]
    [InlineData("safety/interactions.yaml", "washout-days: { sertraline: 14 }", "washout-days: { sertraline: 0 }", "ssri-opioid", "washout-days for 'sertraline' must be above 0")]
    [InlineData("safety/interactions.yaml", "washout-days: { sertraline: 14 }", "washout-days: { sertraline: 14 }\n    management-given: Review.\n    severity-given: moderate", "ssri-opioid", "management-given and severity-given go together, on live-vaccine rules only")]
    [InlineData("safety/interactions.yaml", "severity: major\n    washout", "severity: major\n    min-count: 3\n    washout", "ssri-opioid", "only kind count has group and min-count")]
    [InlineData("safety/interactions.yaml", "a: [ssri]\n    b: [opioid]", "a: [ssri]", "ssri-opioid", "b needs at least one drug, class or group")]
    // groups.yaml, vaccines.yaml
    [InlineData("safety/groups.yaml", "members: [antidepressant], source", "members: [], source", "antidepressants-all", "a group needs at least one member")]
    [InlineData("safety/vaccines.yaml", "cvx: [\"140\"]", "cvx: []", "influenza", "a vaccine needs at least one CVX code")]
    // doses.yaml
    [InlineData("safety/doses.yaml", "kind: max-daily, max-daily: { value: 120, unit: mg }, severity", "kind: max-daily, severity", "duloxetine-max", "kind max-daily needs max-daily:")]
    [InlineData("safety/doses.yaml", "kind: max-daily, max-daily: { value: 120, unit: mg }, severity", "kind: max-daily, max-daily: { value: 120, unit: mg }, measure: crcl, severity", "duloxetine-max", "only kind renal-bands has measure and bands")]
    [InlineData("safety/doses.yaml", "kind: max-daily, max-daily: { value: 120, unit: mg }, severity", "kind: pattern, pattern: daily, severity", "duloxetine-max", "pattern must be one of weekly (got 'daily')")]
    [InlineData("safety/doses.yaml", "  - { drug: oxycodone, factor: 1.5, source: guideline-a }", "  - { drug: oxycodone, factor: 1.5, source: guideline-a }\n  - { drug: oxycodone, factor: 1.5, source: guideline-a }", "oxycodone", "mme factor listed twice")]
    [InlineData("safety/doses.yaml", "{ drug: oxycodone, factor: 1.5,", "{ drug: oxycodone, factor: 1.5, per: g,", "oxycodone", "per must be one of mg, mcg/h (got 'g')")]
    [InlineData("safety/doses.yaml", "{ drug: oxycodone, factor: 1.5,", "{ drug: oxycodone, factor: 1.5, no-factor: \"no conversion\",", "oxycodone", "no-factor replaces factor and per")]
    [InlineData("safety/doses.yaml", "{ crcl-below: 30, max-daily: { value: 60, unit: mg } }", "{ crcl-below: 30 }", "duloxetine-renal", "every renal band needs max-daily")]
    [InlineData("safety/doses.yaml", "{ crcl-min: 30, max-daily: { value: 120, unit: mg } }", "{ crcl-min: 30, crcl-below: 20, max-daily: { value: 120, unit: mg } }", "duloxetine-renal", "renal band crcl-below 20 is not above crcl-min 30")]
    [InlineData("safety/doses.yaml", "{ crcl-below: 30, max-daily", "{ max-daily", "duloxetine-renal", "only the highest renal band may be open-ended")]
    [InlineData("safety/doses.yaml", "measure: crcl\n", "measure: egfr\n", "duloxetine-renal", "renal bands are by creatinine clearance (measure: crcl)")]
    // factors.yaml
    [InlineData("safety/factors.yaml", "age-min: 65,", "age-min: 65, age-max: 60,", "age-65-plus", "age-min and age-max must be whole years with age-min <= age-max")]
    [InlineData("safety/factors.yaml", "name: Age 65 or older, age-min: 65,", "name: Age 65 or older,", "age-65-plus", "a factor needs at least one criterion")]
    [InlineData("safety/factors.yaml", "name: Age 65 or older, age-min: 65,", "name: Age 65 or older, age-min: 65, onset-within-days: -1,", "age-65-plus", "onset-within-days must not be negative")]
    [InlineData("safety/factors.yaml", "name: Age 65 or older, age-min: 65,", "name: Age 65 or older, age-min: 65, ended-by: {},", "age-65-plus", "ended-by needs conditions or icd10cm-prefixes")]
    [InlineData("safety/factors.yaml", "name: Age 65 or older, age-min: 65,", "name: Age 65 or older, age-min: 65, evidence-within: forever,", "age-65-plus", "evidence-within 'forever' is not in the day-count conventions of conventions.yaml")]
    [InlineData("safety/factors.yaml", "within-days: 365 }", "within-days: 0 }", "long-qt", "observation on 'qtc': within-days must be above 0")]
    [InlineData("safety/factors.yaml", "above: 500, unit: ms", "above: 500, below: 600, unit: ms", "long-qt", "observation on 'qtc' needs exactly one of below, above, positive")]
    [InlineData("safety/factors.yaml", "above: 500, unit: ms", "positive: true, unit: ms", "long-qt", "observation on 'qtc' has a unit but compares no number")]
    [InlineData("safety/factors.yaml", "above: 500, unit: ms", "phenotype-in: [poor]", "long-qt", "observation on 'qtc' uses phenotype-in but the test has no phenotype reading")]
    [InlineData("safety/factors.yaml", "display: \"Long QT syndrome\"", "display: \"\"", "long-qt", "code '9651007' needs a display")]
    [InlineData("safety/factors.yaml", "{ system: snomed, code: \"9651007\"", "{ system: snomedx, code: \"9651007\"", "long-qt", "code entry needs a known system and a code (got system 'snomedx', code '9651007')")]
    [InlineData("safety/factors.yaml", "name: Age 65 or older, age-min: 65,", "name: Age 65 or older, age-min: 65, procedure-within-days: 14,", "age-65-plus", "procedure-within-days must be a positive number of days and needs procedures")]
    [InlineData("safety/factors.yaml", "name: Age 65 or older, age-min: 65,", "name: Age 65 or older, procedures: [{ system: snomed, code: \"232717009\", display: \"CABG\" }], procedure-within-days: 0,", "age-65-plus", "procedure-within-days must be a positive number of days and needs procedures")]
    // cautions.yaml
    [InlineData("safety/cautions.yaml", "severity: avoid", "severity: avoid\n    applies-to: stopped", "opioid-older-adults", "applies-to: stopped needs stopped-within-days")]
    [InlineData("safety/cautions.yaml", "severity: avoid", "severity: avoid\n    stopped-within-days: 730", "opioid-older-adults", "stopped-within-days needs applies-to: stopped")]
    [InlineData("safety/cautions.yaml", "severity: avoid", "severity: avoid\n    unless-factor: age-65-plus", "opioid-older-adults", "unless-factor belongs to applies-to: stopped")]
    [InlineData("safety/factors.yaml", "within-days: 365 }", "within-days: 365, confirmed-apart-days: 400 }", "long-qt", "confirmed-apart-days must be above 0, below within-days")]
    // monitoring.yaml
    [InlineData("monitoring.yaml", "  - { id: creatinine, name: Creatinine, unit: \"umol/L\", codes: [{ system: loinc, code: \"2160-0\", display: \"Creatinine\" }] }\n", "", "kidney-low", "kidney-function needs test 'creatinine' in monitoring.yaml", "safety/factors.yaml")]
    [InlineData("monitoring.yaml", "codes: [{ system: loinc, code: \"1742-6\", display: \"ALT\" }]", "codes: []", "alt", "a test needs at least one code")]
    [InlineData("monitoring.yaml", "    threshold-sets: [liver]", "    threshold-sets: [liver]\n    procedures:\n      - id: eye\n        name: Eye examination\n        codes: [{ system: snomed, code: \"274798009\", display: \"Examination of retina (procedure)\" }]\n        source: guideline-a\n        phases: [{ from-week: 0, once: true }]", "duloxetine: procedure #1 (eye)", "a once phase needs to-week")]
    [InlineData("monitoring.yaml", "    threshold-sets: [liver]", "    threshold-sets: [liver]\n    procedures:\n      - id: eye\n        name: Eye examination\n        codes: [{ system: snomed, code: \"274798009\", display: \"Examination of retina (procedure)\" }]\n        source: guideline-a\n        phases: [{ from-week: 0, to-week: 52, once: true }, { from-week: 52, every-weeks: 0 }]", "duloxetine: procedure #1 (eye)", "phase #2 needs every-weeks above 0")]
    [InlineData("monitoring.yaml", "    threshold-sets: [liver]", "    threshold-sets: [liver]\n    procedures:\n      - id: eye\n        name: Eye examination\n        codes: [{ system: snomed, code: \"274798009\", display: \"Examination of retina (procedure)\" }]\n        source: guideline-a\n        phases: [{ from-week: 0, to-week: 52, once: true }, { from-week: 60, every-weeks: 52 }]", "duloxetine: procedure #1 (eye)", "phase #2 starts at week 60; phases must be contiguous from week 0 (expected 52)")]
    [InlineData("monitoring.yaml", "    threshold-sets: [liver]", "    threshold-sets: [liver]\n    procedures:\n      - id: eye\n        name: Eye examination\n        codes: [{ system: icd10cm, code: \"Z01.01\", display: \"Examination of retina (procedure)\" }]\n        source: guideline-a\n        phases: [{ from-week: 0, every-weeks: 52 }]", "duloxetine: procedure #1 (eye)", "procedure codes are SNOMED CT procedures")]
    [InlineData("monitoring.yaml", "    threshold-sets: [liver]", "    threshold-sets: [liver]\n    start-limits: [{ test: alt, comparator: rise-percent, value: 50, within-days: 90, source: guideline-a }]", "duloxetine: start limit #1 (alt)", "comparator must be one of <, >, <=, >=")]
    [InlineData("monitoring.yaml", "    threshold-sets: [liver]", "    threshold-sets: [liver]\n    start-limits: [{ test: alt, comparator: \">\", value: 100, unit: \"U/L\", source: guideline-a }]", "duloxetine: start limit #1 (alt)", "within-days must be above 0")]
    [InlineData("monitoring.yaml", "    threshold-sets: [liver]", "    threshold-sets: [liver]\n    start-limits: [{ test: alt, comparator: \">\", value: 100, unit: \"U/L\", within-days: 90, drugs: [sertraline], source: guideline-a }]", "duloxetine: start limit #1 (alt)", "drug 'sertraline' is not one of the protocol's drugs")]
    [InlineData("monitoring.yaml", "codes: [{ system: loinc, code: \"1742-6\", display: \"ALT\" }]", "codes: [{ system: snomed, code: \"9651007\", display: \"ALT\" }]", "alt", "test codes are LOINC")]
    [InlineData("monitoring.yaml", "{ id: alt, name: ALT, unit: \"U/L\",", "{ id: alt, name: ALT, qualitative: true, unit: \"U/L\",", "alt", "a qualitative test has no unit")]
    [InlineData("monitoring.yaml", "drugs: [duloxetine]\n    name: Duloxetine", "drugs: [duloxetine]\n    drugs-all: [duloxetine]\n    name: Duloxetine", "duloxetine", "a protocol names either drugs (any) or drugs-all (every one), not both or neither")]
    [InlineData("monitoring.yaml", "threshold-sets: [liver]", "threshold-sets: [liver]\n    replaces: [duloxetine]", "duloxetine", "replaces 'duloxetine', which is not another protocol")]
    [InlineData("monitoring.yaml", "{ test: alt, comparator", "{ test: alx, comparator", "liver: threshold #1 (alx)", "test 'alx' is not in monitoring.yaml")]
    [InlineData("monitoring.yaml", "value: 100, unit: \"U/L\", action", "unit: \"U/L\", action", "liver: threshold #1 (alt)", "value is required")]
    [InlineData("monitoring.yaml", "comparator: \">\", value: 100, unit: \"U/L\",", "comparator: rise-percent, value: 100,", "liver: threshold #1 (alt)", "over-days must be above 0")]
    [InlineData("monitoring.yaml", "comparator: \">\", value: 100, unit: \"U/L\",", "comparator: rise-percent, value: 100, over-days: 30, unit: \"U/L\",", "liver: threshold #1 (alt)", "compares in the test's own unit; remove unit")]
    [InlineData("monitoring.yaml", "value: 100, unit", "value: 100, over-days: 30, unit", "liver: threshold #1 (alt)", "only rise-percent has over-days")]
    [InlineData("monitoring.yaml", "      - { test: alt, comparator: \">\", value: 100, unit: \"U/L\", action: withhold-and-discuss, source: guideline-a }\n", "      - { test: alt, comparator: \">\", value: 100, unit: \"U/L\", action: withhold-and-discuss, source: guideline-a }\n      - { test: alt, comparator: \">\", value: 100, unit: \"U/L\", action: withhold-and-discuss, source: guideline-a }\n", "liver: threshold #2 (alt)", "threshold listed twice")]
    [InlineData("monitoring.yaml", "{ tests: [alt], within-days: 90", "{ tests: [], within-days: 90", "duloxetine: baseline #1", "a baseline item needs at least one test")]
    [InlineData("monitoring.yaml", "within-days: 90", "within-days: -1", "duloxetine: baseline #1", "within-days and after-start-days must not be negative")]
    [InlineData("monitoring.yaml", "    schedule:\n      tests: [alt]", "    schedule:\n      tests: []", "duloxetine: schedule", "a schedule needs at least one test")]
    [InlineData("monitoring.yaml", "    schedule:\n      tests: [alt]", "    schedule:\n      tests: [alx]", "duloxetine: schedule", "test 'alx' is not in monitoring.yaml")]
    [InlineData("monitoring.yaml", "grace-days: 7", "grace-days: -1", "duloxetine: schedule", "grace-days must not be negative")]
    [InlineData("monitoring.yaml", "every-weeks: 2 }", "every-weeks: 0 }", "duloxetine: schedule", "phase #1: every-weeks must be above 0")]
    [InlineData("monitoring.yaml", "{ from-week: 0, to-week: 6,", "{ from-week: 0, to-week: 0,", "duloxetine: schedule", "phase #1 ends (week 0) before it starts")]
    [InlineData("monitoring.yaml", "{ from-week: 6, every-weeks: 12 }", "{ from-week: 6, to-week: 52, every-weeks: 12 }", "duloxetine: schedule", "the last phase must be open-ended (no to-week)")]
    // units.yaml
    [InlineData("units.yaml", "{ ucum: \"g\", seen: [\"g\"] }", "{ seen: [\"g\"] }", "alias #8", "ucum is required")]
    [InlineData("units.yaml", "{ ucum: \"g\", seen: [\"g\"] }", "{ ucum: \"g\", seen: [\"g\", \"mg\"] }", "g", "spelling 'mg' is already used by 'mg'")]
    [InlineData("units.yaml", "  - { from: \"g\", to: \"mg\", factor: 1000, source: guideline-a }", "  - { from: \"g\", to: \"mg\", factor: 1000, source: guideline-a }\n  - { from: \"g\", to: \"mg\", factor: 1000, source: guideline-a }", "g -> mg", "conversion listed twice")]
    // response.yaml
    [InlineData("response.yaml", "codes: [{ system: loinc, code: \"72514-3\", display: \"Pain NRS\" }]", "codes: []", "nrs", "an instrument needs at least one LOINC code")]
    [InlineData("response.yaml", "range: { min: 0, max: 10 }", "range: { min: 10, max: 0 }", "nrs", "range needs min below max")]
    [InlineData("response.yaml", "direction: lower-is-better", "direction: higher-is-better", "nrs", "direction must be one of lower-is-better (got 'higher-is-better')")]
    [InlineData("response.yaml", "percent-change: true", "percent-change: false", "nrs", "percent-change must be true: bands are percent reductions")]
    [InlineData("response.yaml", "max-days-before-start: 30", "max-days-before-start: -1", "baseline-rule", "max-days-before-start must not be negative")]
    [InlineData("response.yaml", "baseline-zero: not-assessable", "baseline-zero: zero", "baseline-rule", "baseline-zero must be one of not-assessable (got 'zero')")]
    [InlineData("response.yaml", "min-weeks: 4", "min-weeks: 0", "snri-trial", "min-weeks must be above 0 and not above max-weeks")]
    [InlineData("response.yaml", "when-band: [good]", "when-band: []", "decision #1 (continue)", "when-band needs at least one band id")]
    [InlineData("response.yaml", "{ when-band: [good], after-adequate-trial: true,", "{ when-band: [good],", "decision #1 (continue)", "after-adequate-trial is required (true or false)")]
    [InlineData("response.yaml", "min-days: 14", "min-days: -1", "antidepressant-taper", "min-days must not be negative")]
    // the evidence layer
    [InlineData("conditions.yaml", "kind: nociplastic\n    codes:\n      - { system: snomed, code: \"203082005\", display: \"Fibromyalgia\" }\n      - { system: snomed, code: \"82423001\", display: \"Chronic pain\", broad: true }", "kind: nociplastic\n    codes: []", "widespread-pain", "a condition needs at least one code")]
    [InlineData("conditions.yaml", "display: \"Neuropathic pain\"", "display: \"\"", "general-pain", "code '247398009' needs a display")]
    [InlineData("products.yaml", "{ rxnorm: \"596930\", name: \"duloxetine 30 MG Delayed Release Oral Capsule\", tty: SCD, ingredients: [duloxetine] }", "{ rxnorm: \"596930\", name: \"duloxetine 30 MG Delayed Release Oral Capsule\", tty: SCD, ingredients: [duloxetine] }\n  - { rxnorm: \"596930\", name: \"duloxetine 30 MG Delayed Release Oral Capsule\", tty: SCD, ingredients: [duloxetine] }", "596930", "product listed twice")]
    [InlineData("products.yaml", "tty: SCD, ingredients: [duloxetine] }", "tty: SCD, ingredients: [] }", "596930", "a product needs at least one ingredient")]
    [InlineData("products.yaml", "rxnorm: \"596930\"", "rxnorm: \"59693O\"", "59693O", "rxnorm '59693O' is not an RxCUI")]
    [InlineData("evidence/general-pain.yaml", "quality: high", "quality: excellent", "general-snri-a", "quality must be one of high, moderate, low, very-low")]
    public void A_rule_without_its_own_test_refuses_its_broken_entry(string file, string find, string replace, string entry, string reason, string? reportedIn = null)
    {
        _copy.Replace(file, find, replace);

        var result = KnowledgeLoader.Load(_copy.Directory);

        Assert.False(result.Succeeded);
        var expected = reportedIn ?? file;
        Assert.True(
            result.Errors.Any(e => e.File == expected && e.Entry == entry && e.Reason.Contains(reason, StringComparison.Ordinal)),
            $"expected {expected}: {entry}: ...{reason}...; got\n{string.Join("\n", result.Errors)}");
    }

    [Fact]
    public void Every_error_names_its_file_and_entry()
    {
        // Many rules broken at once: none may come back without the file and entry an author needs to find it.
        _copy.Replace("safety/interactions.yaml", "min-count: 3", "min-count: 1");
        _copy.Replace("monitoring.yaml", "grace-days: 7", "grace-days: -1");
        _copy.Replace("response.yaml", "percent-change: true", "percent-change: false");
        _copy.Replace("products.yaml", "tty: SCD, ingredients: [duloxetine] }", "tty: SCD, ingredients: [] }");

        var result = KnowledgeLoader.Load(_copy.Directory);

        Assert.True(result.Errors.Length >= 4, string.Join("\n", result.Errors));
        Assert.All(result.Errors, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.File));
            Assert.False(string.IsNullOrWhiteSpace(e.Entry));
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        });
    }
}
