using NodaTime;

namespace Relief.Bulk.Synthesis;

/// <summary>
/// The ground truth: what a correct screen must report for a generated patient, decided from how the patient
/// was made. It restates, for the few drugs the generator prescribes, the knowledge rules that apply to them
/// (knowledge/safety/interactions.yaml, cautions.yaml, doses.yaml, monitoring.yaml, response.yaml), written
/// independently of the engine so that the comparison can catch either side being wrong.
/// Keys read "family:rule" (monitoring adds ":kind", response is "response:ingredient:decision"), the
/// vocabulary of samples/vignettes/expected-findings.json.
/// </summary>
internal static class ExpectedFindings
{
    private static readonly HashSet<string> Opioids = new(StringComparer.Ordinal) { "tramadol", "oxycodone", "hydrocodone" };
    private static readonly HashSet<string> Benzodiazepines = new(StringComparer.Ordinal) { "clonazepam", "diazepam" };
    private static readonly HashSet<string> Gabapentinoids = new(StringComparer.Ordinal) { "gabapentin", "pregabalin" };
    private static readonly HashSet<string> SerotonergicAntidepressants = new(StringComparer.Ordinal) { "duloxetine", "amitriptyline", "sertraline", "fluoxetine" };
    private static readonly HashSet<string> SsriSnri = new(StringComparer.Ordinal) { "duloxetine", "sertraline", "fluoxetine" };
    private static readonly HashSet<string> Nsaids = new(StringComparer.Ordinal) { "ibuprofen", "naproxen", "celecoxib" };
    private static readonly HashSet<string> QtProlonging = new(StringComparer.Ordinal) { "amitriptyline", "hydroxychloroquine" };

    // Beers 2023 Table 5 "CNS-active" drugs among those generated (groups.yaml beers-cns-active).
    private static readonly HashSet<string> CnsActive = new(StringComparer.Ordinal)
    {
        "gabapentin", "pregabalin", "duloxetine", "amitriptyline", "sertraline", "fluoxetine", "cyclobenzaprine",
        "tramadol", "oxycodone", "hydrocodone", "clonazepam", "diazepam",
    };

    // Pair rules (interactions.yaml): id, side a, side b.
    private static readonly (string Rule, HashSet<string> A, HashSet<string> B)[] Pairs =
    [
        ("tramadol-serotonergic-antidepressant", ["tramadol"], SerotonergicAntidepressants),
        ("cyclobenzaprine-serotonergic", ["cyclobenzaprine"], [.. SerotonergicAntidepressants, "tramadol"]),
        ("cyp2d6-inhibitor-tramadol", ["fluoxetine"], ["tramadol"]),
        ("cyp2d6-inhibitor-tca", ["fluoxetine"], ["amitriptyline"]),
        ("duloxetine-tca", ["duloxetine"], ["amitriptyline"]),
        ("qt-qt", QtProlonging, QtProlonging),
        ("tca-cyclobenzaprine-anticholinergic", ["amitriptyline"], ["cyclobenzaprine"]),
        ("methotrexate-nsaid", ["methotrexate"], Nsaids),
        ("thiopurine-allopurinol", ["azathioprine"], ["allopurinol"]),
        ("opioid-benzodiazepine", Opioids, Benzodiazepines),
        ("opioid-gabapentinoid", Opioids, Gabapentinoids),
        ("gabapentinoid-benzodiazepine", Gabapentinoids, Benzodiazepines),
        ("opioid-skeletal-muscle-relaxant", Opioids, ["cyclobenzaprine"]),
        ("nsaid-ssri-snri-bleeding", Nsaids, SsriSnri),
        ("nsaid-corticosteroid", Nsaids, ["prednisone"]),
    ];

    // Beers 2023 cautions for adults 65 and over (cautions.yaml) on the drugs generated; current orders.
    private static readonly (string Rule, HashSet<string> Drugs)[] OlderAdultCautions =
    [
        ("beers-anticholinergic-antidepressants", ["amitriptyline"]),
        ("beers-skeletal-muscle-relaxants", ["cyclobenzaprine"]),
        ("beers-nsaid-chronic-use", ["ibuprofen", "naproxen"]),
        ("beers-benzodiazepines", Benzodiazepines),
    ];

    // Beers 2023 Table 4 SIADH-risk drugs among those generated (groups.yaml siadh-risk-drugs).
    private static readonly HashSet<string> SiadhRisk = new(StringComparer.Ordinal) { "duloxetine", "amitriptyline", "sertraline", "fluoxetine", "tramadol" };

    // conventions.yaml baseline-report-days: a missing baseline is reported for courses started this recently.
    private const int BaselineReportDays = 90;

    // MME factors (doses.yaml, CDC 2022).
    private static readonly Dictionary<string, decimal> MmeFactors = new(StringComparer.Ordinal) { ["oxycodone"] = 1.5m, ["hydrocodone"] = 1m, ["tramadol"] = 0.2m };

    // Strength per tablet of the combination products dosed in tablets (from their RxNorm names).
    private static readonly Dictionary<string, (string Ingredient, decimal Mg)> TabletStrengths = new(StringComparer.Ordinal)
    {
        [SynthesisCatalog.OxycodoneApap5] = ("oxycodone", 5m),
        [SynthesisCatalog.HydrocodoneApap75] = ("hydrocodone", 7.5m),
    };

    // Schedule tests of the DMARD protocols (monitoring.yaml).
    private static readonly Dictionary<string, string[]> ScheduleTests = new(StringComparer.Ordinal)
    {
        ["methotrexate"] = ["wbc", "neutrophils", "platelets", "creatinine", "alt", "albumin"],
        ["azathioprine"] = ["wbc", "neutrophils", "platelets", "creatinine", "alt"],
    };

    // Adequate trials in weeks (response.yaml).
    private static readonly Dictionary<string, int> TrialWeeks = new(StringComparer.Ordinal) { ["duloxetine"] = 4, ["gabapentin"] = 5, ["amitriptyline"] = 6 };

    public static bool IsOpioid(PlannedMedication medication) => medication.Product.Ingredients.Any(Opioids.Contains);

    /// <summary>Interactions, cautions and dose rules, from the patient's drugs and age.</summary>
    public static void Fill(PatientPlan plan, LocalDate asOf, int age)
    {
        var ingredients = plan.Medications.SelectMany(m => m.Product.Ingredients).ToHashSet(StringComparer.Ordinal);
        foreach (var (rule, a, b) in Pairs)
        {
            if (ingredients.Any(x => a.Contains(x) && ingredients.Any(y => y != x && b.Contains(y))))
            {
                plan.Expected.Add($"interaction:{rule}");
            }
        }

        if (age >= 65)
        {
            // monitoring.yaml beers-sodium-check: sodium within 30 days of a recent start (no sodium is ever generated).
            if (plan.Medications.Any(m => m.Product.Ingredients.Any(SiadhRisk.Contains) && m.Start > asOf.PlusDays(-BaselineReportDays)))
            {
                plan.Expected.Add("monitoring:beers-sodium-check/baseline-1:baseline-missing");
            }

            if (ingredients.Count(CnsActive.Contains) >= 3)
            {
                plan.Expected.Add("interaction:beers-cns-active-3");
            }

            foreach (var (rule, drugs) in OlderAdultCautions)
            {
                if (ingredients.Any(drugs.Contains))
                {
                    plan.Expected.Add($"caution:{rule}");
                }
            }
        }

        decimal mme = 0;
        foreach (var medication in plan.Medications)
        {
            var perDay = medication.PeriodUnit switch
            {
                "d" => (decimal)medication.Frequency / medication.Period,
                "h" => 24m * medication.Frequency / medication.Period,
                _ => 0m,
            };
            if (TabletStrengths.TryGetValue(medication.Product.RxNorm, out var strength))
            {
                mme += medication.Dose * strength.Mg * perDay * MmeFactors[strength.Ingredient];
            }
            else if (medication.Product.Ingredients is [var single] && MmeFactors.TryGetValue(single, out var factor))
            {
                mme += medication.Dose * perDay * factor;
            }

            if (medication.Has("methotrexate") && medication.PeriodUnit == "d")
            {
                // Taken daily, the weekly dose is 7 times the daily one: above doses.yaml methotrexate-weekly-max (30 mg) too.
                plan.Expected.Add("dose:methotrexate-weekly");
                if (medication.Dose * 7 > 30)
                {
                    plan.Expected.Add("dose:methotrexate-weekly-max");
                }
            }
        }

        // doses.yaml methotrexate-folic-acid: the cohort never prescribes folic acid with methotrexate.
        if (ingredients.Contains("methotrexate"))
        {
            plan.Expected.Add("dose:methotrexate-folic-acid");
        }

        // doses.yaml hydroxychloroquine-per-kg: no body weight is generated, so the 5 mg/kg check says the weight is unknown.
        if (ingredients.Contains("hydroxychloroquine"))
        {
            plan.Expected.Add("dose:hydroxychloroquine-per-kg");
        }

        // monitoring.yaml hydroxychloroquine retinal examination (AAO 2016): no eye examination is ever generated, so one is
        // overdue once the first year (52 weeks) and its 30-day grace have passed since the start.
        if (plan.Medications.Where(m => m.Has("hydroxychloroquine")).Select(m => m.Start).DefaultIfEmpty(asOf).Min() is var start
            && asOf > start.PlusWeeks(52).PlusDays(30))
        {
            plan.Expected.Add("monitoring:hydroxychloroquine/procedure/retinal-examination:overdue");
        }

        if (mme >= 90)
        {
            plan.Expected.Add("dose:opioid-mme-90");
        }
        else if (mme >= 50)
        {
            plan.Expected.Add("dose:opioid-mme-50");
        }
    }

    /// <summary>A DMARD's laboratory variant: every schedule test overdue, or one BSR threshold crossed.</summary>
    public static void Monitoring(PatientPlan plan, string protocol, string variant)
    {
        switch (variant)
        {
            case "overdue":
                foreach (var test in ScheduleTests[protocol])
                {
                    plan.Expected.Add($"monitoring:{protocol}/schedule/{test}:overdue");
                }

                break;
            case "alt-high":
                plan.Expected.Add("monitoring:bsr-2017-dmard/alt-gt-100:threshold-breached");
                break;
            case "wbc-low":
                plan.Expected.Add("monitoring:bsr-2017-dmard/wbc-lt-3.5:threshold-breached");
                break;
        }
    }

    /// <summary>The IMMPACT band of the last score against the baseline, and the decision response.yaml gives it.</summary>
    public static void Response(PatientPlan plan, string ingredient, int baseline, int final, LocalDate start, LocalDate asOf)
    {
        var points = baseline - final;
        var percent = points * 100m / baseline;
        var band = percent >= 50 ? "substantial"
            : percent >= 30 || points >= 2 ? "moderate"
            : percent >= 10 ? "minimal"
            : percent >= 0 ? "none"
            : "worse";
        var afterTrial = Period.Between(start, asOf, PeriodUnits.Days).Days >= TrialWeeks[ingredient] * 7;
        var decision = (band, afterTrial) switch
        {
            ("substantial" or "moderate", true) => "continue",
            ("minimal" or "none", true) => "reconsider",
            ("worse", true) => "stop",
            ("minimal" or "none" or "worse", false) => "too-early",
            _ => "no-decision",
        };
        plan.Expected.Add($"response:{ingredient}:{decision}");
    }
}
