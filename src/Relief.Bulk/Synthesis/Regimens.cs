using static Relief.Bulk.Synthesis.SynthesisCatalog;

namespace Relief.Bulk.Synthesis;

/// <summary>One prescription line of a regimen: product, dose per administration, and its timing.</summary>
internal sealed record Prescription(string Product, decimal Dose, string Unit, int Frequency, int Period, string PeriodUnit, bool AsNeeded = false);

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
    private static readonly Prescription Duloxetine = new(Duloxetine60, 60, "mg", 1, 1, "d");
    private static readonly Prescription AmitriptylineLow = new(Amitriptyline10, 10, "mg", 1, 1, "d");
    private static readonly Prescription Amitriptyline = new(Amitriptyline25, 25, "mg", 1, 1, "d");
    private static readonly Prescription PregabalinLow = new(Pregabalin75, 75, "mg", 2, 1, "d");
    private static readonly Prescription Pregabalin = new(Pregabalin150, 150, "mg", 2, 1, "d");
    private static readonly Prescription Gabapentin = new(Gabapentin300, 300, "mg", 3, 1, "d");
    private static readonly Prescription Cyclobenzaprine = new(Cyclobenzaprine5, 5, "mg", 3, 1, "d");
    private static readonly Prescription Tramadol = new(Tramadol50, 50, "mg", 4, 1, "d");
    private static readonly Prescription Sertraline = new(Sertraline50, 50, "mg", 1, 1, "d");
    private static readonly Prescription Fluoxetine = new(Fluoxetine20, 20, "mg", 1, 1, "d");
    private static readonly Prescription OxycodoneApap = new(OxycodoneApap5, 1, "tablet", 1, 6, "h", AsNeeded: true);
    private static readonly Prescription HydrocodoneApap = new(HydrocodoneApap75, 1, "tablet", 1, 6, "h", AsNeeded: true);
    private static readonly Prescription OxycodoneEr = new(OxycodoneEr40, 40, "mg", 2, 1, "d");
    private static readonly Prescription Methotrexate = new(Methotrexate25, 15, "mg", 1, 1, "wk");
    private static readonly Prescription Azathioprine = new(Azathioprine50, 50, "mg", 2, 1, "d");
    private static readonly Prescription AllopurinolDaily = new(Allopurinol, 100, "mg", 1, 1, "d");
    private static readonly Prescription Hydroxychloroquine = new(Hydroxychloroquine200, 200, "mg", 2, 1, "d");
    private static readonly Prescription PrednisoneLow = new(Prednisone5, 5, "mg", 1, 1, "d");
    private static readonly Prescription Prednisone = new(Prednisone10, 10, "mg", 1, 1, "d");
    private static readonly Prescription Ibuprofen = new(Ibuprofen400, 400, "mg", 3, 1, "d");
    private static readonly Prescription Naproxen = new(Naproxen500, 500, "mg", 2, 1, "d");
    private static readonly Prescription Celecoxib = new(Celecoxib200, 200, "mg", 1, 1, "d");

    /// <summary>The daily-methotrexate error: the weekly dose's tablets taken every day.</summary>
    public static readonly Prescription MethotrexateDaily = new(Methotrexate25, 7.5m, "mg", 1, 1, "d");

    /// <summary>Added to some patients on an opioid (co-prescribing, docs/synth.md).</summary>
    public static readonly Prescription[] Benzodiazepines = [new(Clonazepam1, 1, "mg", 2, 1, "d"), new(Diazepam5, 5, "mg", 2, 1, "d")];

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
