using static Relief.Bulk.Synthesis.SynthesisCatalog;

namespace Relief.Bulk.Synthesis;

/// <summary>One prescription line of a regimen: product, dose per administration, and its timing.</summary>
internal sealed record Prescription
{
    public required string Product { get; init; }

    public required decimal Dose { get; init; }

    public required string Unit { get; init; }

    public required int Frequency { get; init; }

    public required int Period { get; init; }

    public required string PeriodUnit { get; init; }

    public bool AsNeeded { get; init; }
}

/// <summary>
/// A treatment a patient with a condition may be on, with the share of that condition's patients on it.
/// <see cref="ResponseIngredient"/> names the drug whose effect a pain-score series may follow (only drugs with an
/// adequate-trial duration in response.yaml, so the engine can reach a decision); <see cref="Protocol"/> the
/// monitoring protocol whose laboratory history the generator draws.
/// </summary>
internal sealed record Regimen(string Name, double Share, Prescription[] Drugs, string? ResponseIngredient = null, string? Protocol = null);

/// <summary>
/// What patients with each condition take. Doses are the usual labelled maintenance doses; the shares are
/// illustrative assumptions (docs/synth.md), chosen so that first-line drugs dominate and the dangerous
/// patterns Relief checks occur at low, plausible rates.
/// </summary>
internal static class Regimens
{
    private static readonly Prescription Duloxetine = new() { Product = Duloxetine60, Dose = 60, Unit = "mg", Frequency = 1, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription AmitriptylineLow = new() { Product = Amitriptyline10, Dose = 10, Unit = "mg", Frequency = 1, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Amitriptyline = new() { Product = Amitriptyline25, Dose = 25, Unit = "mg", Frequency = 1, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription PregabalinLow = new() { Product = Pregabalin75, Dose = 75, Unit = "mg", Frequency = 2, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Pregabalin = new() { Product = Pregabalin150, Dose = 150, Unit = "mg", Frequency = 2, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Gabapentin = new() { Product = Gabapentin300, Dose = 300, Unit = "mg", Frequency = 3, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Cyclobenzaprine = new() { Product = Cyclobenzaprine5, Dose = 5, Unit = "mg", Frequency = 3, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Tramadol = new() { Product = Tramadol50, Dose = 50, Unit = "mg", Frequency = 4, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Sertraline = new() { Product = Sertraline50, Dose = 50, Unit = "mg", Frequency = 1, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Fluoxetine = new() { Product = Fluoxetine20, Dose = 20, Unit = "mg", Frequency = 1, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription OxycodoneApap = new() { Product = OxycodoneApap5, Dose = 1, Unit = "tablet", Frequency = 1, Period = 6, PeriodUnit = "h", AsNeeded = true };
    private static readonly Prescription HydrocodoneApap = new() { Product = HydrocodoneApap75, Dose = 1, Unit = "tablet", Frequency = 1, Period = 6, PeriodUnit = "h", AsNeeded = true };
    private static readonly Prescription OxycodoneEr = new() { Product = OxycodoneEr40, Dose = 40, Unit = "mg", Frequency = 2, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Methotrexate = new() { Product = Methotrexate25, Dose = 15, Unit = "mg", Frequency = 1, Period = 1, PeriodUnit = "wk" };
    private static readonly Prescription Azathioprine = new() { Product = Azathioprine50, Dose = 50, Unit = "mg", Frequency = 2, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription AllopurinolDaily = new() { Product = Allopurinol, Dose = 100, Unit = "mg", Frequency = 1, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Hydroxychloroquine = new() { Product = Hydroxychloroquine200, Dose = 200, Unit = "mg", Frequency = 2, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription PrednisoneLow = new() { Product = Prednisone5, Dose = 5, Unit = "mg", Frequency = 1, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Prednisone = new() { Product = Prednisone10, Dose = 10, Unit = "mg", Frequency = 1, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Ibuprofen = new() { Product = Ibuprofen400, Dose = 400, Unit = "mg", Frequency = 3, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Naproxen = new() { Product = Naproxen500, Dose = 500, Unit = "mg", Frequency = 2, Period = 1, PeriodUnit = "d" };
    private static readonly Prescription Celecoxib = new() { Product = Celecoxib200, Dose = 200, Unit = "mg", Frequency = 1, Period = 1, PeriodUnit = "d" };

    /// <summary>The daily-methotrexate error: the weekly dose's tablets taken every day.</summary>
    public static readonly Prescription MethotrexateDaily = new() { Product = Methotrexate25, Dose = 7.5m, Unit = "mg", Frequency = 1, Period = 1, PeriodUnit = "d" };

    /// <summary>Added to some patients on an opioid (co-prescribing, docs/synth.md).</summary>
    public static readonly Prescription[] Benzodiazepines =
    [
        new() { Product = Clonazepam1, Dose = 1, Unit = "mg", Frequency = 2, Period = 1, PeriodUnit = "d" },
        new() { Product = Diazepam5, Dose = 5, Unit = "mg", Frequency = 2, Period = 1, PeriodUnit = "d" },
    ];

    public static readonly Prescription OpioidGabapentinoid = Gabapentin;

    /// <summary>Antidepressants for depression, independent of the pain conditions.</summary>
    public static readonly Prescription[] Antidepressants = [Sertraline, Sertraline, Fluoxetine];

    public static IReadOnlyList<Regimen> For(string conditionId) => conditionId switch
    {
        "fibromyalgia" =>
        [
            new("fm-duloxetine", 0.25, [Duloxetine], "duloxetine"),
            new("fm-amitriptyline", 0.15, [Amitriptyline], "amitriptyline"),
            new("fm-pregabalin", 0.12, [Pregabalin]),
            new("fm-cyclobenzaprine", 0.08, [Cyclobenzaprine]),
            new("fm-tramadol", 0.08, [Tramadol]),
            new("fm-long-term-prednisone-nsaid", 0.03, [Prednisone, Ibuprofen]),
        ],
        "me-cfs" =>
        [
            new("mecfs-amitriptyline", 0.10, [AmitriptylineLow], "amitriptyline"),
            new("mecfs-sertraline", 0.10, [Sertraline]),
        ],
        "chronic-primary-pain" =>
        [
            new("cp-oxycodone-apap", 0.06, [OxycodoneApap]),
            new("cp-hydrocodone-apap", 0.05, [HydrocodoneApap]),
            new("cp-oxycodone-er-high-mme", 0.01, [OxycodoneEr]),
            new("cp-tramadol", 0.05, [Tramadol]),
            new("cp-naproxen", 0.10, [Naproxen]),
            new("cp-celecoxib", 0.03, [Celecoxib]),
            new("cp-duloxetine", 0.05, [Duloxetine], "duloxetine"),
        ],
        "neuropathic-pain" or "painful-diabetic-neuropathy" or "ms-pain" =>
        [
            new("np-gabapentin", 0.25, [Gabapentin], "gabapentin"),
            new("np-pregabalin", 0.15, [PregabalinLow]),
            new("np-amitriptyline", 0.10, [AmitriptylineLow], "amitriptyline"),
            new("np-duloxetine", 0.15, [Duloxetine], "duloxetine"),
        ],
        "postherpetic-neuralgia" =>
        [
            new("phn-gabapentin", 0.30, [Gabapentin], "gabapentin"),
            new("phn-pregabalin", 0.15, [PregabalinLow]),
            new("phn-amitriptyline", 0.15, [AmitriptylineLow], "amitriptyline"),
        ],
        "ra-pain" =>
        [
            new("ra-methotrexate", 0.55, [Methotrexate], Protocol: "methotrexate"),
            new("ra-methotrexate-naproxen", 0.15, [Methotrexate, Naproxen], Protocol: "methotrexate"),
            new("ra-methotrexate-prednisone", 0.10, [Methotrexate, PrednisoneLow], Protocol: "methotrexate"),
            new("ra-hydroxychloroquine", 0.05, [Hydroxychloroquine]),
        ],
        "sle-pain" =>
        [
            new("sle-hydroxychloroquine", 0.55, [Hydroxychloroquine]),
            new("sle-hydroxychloroquine-prednisone", 0.20, [Hydroxychloroquine, PrednisoneLow]),
            new("sle-azathioprine", 0.12, [Hydroxychloroquine, Azathioprine], Protocol: "azathioprine"),
            new("sle-azathioprine-allopurinol", 0.03, [Hydroxychloroquine, Azathioprine, AllopurinolDaily], Protocol: "azathioprine"),
        ],
        _ => [],
    };
}
