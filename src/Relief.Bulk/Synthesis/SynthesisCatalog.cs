using System.Collections.Frozen;
using Relief.Core.Codes;
using Relief.Core.Knowledge;

namespace Relief.Bulk.Synthesis;

/// <summary>A medicinal product the generator prescribes: its RxNorm code and name exactly as knowledge/products.yaml has them.</summary>
internal sealed record SynthProduct(string RxNorm, string Name, IReadOnlyList<string> Ingredients);

/// <summary>A condition code the generator records, checked to resolve to <see cref="ConditionId"/> in the knowledge base.</summary>
internal sealed record SynthCondition(string ConditionId, Code Code, string Display);

/// <summary>A laboratory test or pain instrument with its first LOINC code from knowledge/monitoring.yaml or response.yaml.</summary>
internal sealed record SynthTest(string Id, string Loinc, string Display, string? Unit);

/// <summary>
/// Every code the generator writes, looked up in the knowledge base at start-up: products by RxNorm code in
/// products.yaml (the one ingredient-level code, allopurinol, from drugs.yaml, as products.yaml lists no
/// allopurinol product), condition codes in conditions.yaml, LOINC codes in monitoring.yaml and response.yaml.
/// A code missing from the knowledge is a bug in the generator and fails at once, so no code is ever invented.
/// </summary>
internal sealed class SynthesisCatalog
{
    private readonly FrozenDictionary<string, SynthProduct> _products;
    private readonly FrozenDictionary<string, SynthCondition> _conditions;
    private readonly FrozenDictionary<string, SynthTest> _tests;

    public SynthesisCatalog(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        KnowledgeVersion = knowledge.Manifest.Version;
        var products = new Dictionary<string, SynthProduct>(StringComparer.Ordinal);
        foreach (var rxnorm in ProductCodes)
        {
            if (!knowledge.Products.TryGetValue(rxnorm, out var product))
            {
                throw new InvalidOperationException($"synth: RxNorm {rxnorm} is not in knowledge/products.yaml");
            }

            products[rxnorm] = new SynthProduct(product.RxNorm, product.Name, product.IngredientIds);
        }

        var allopurinol = knowledge.Drugs.TryGetValue("allopurinol", out var drug) && drug.RxNorm is { } code
            ? code
            : throw new InvalidOperationException("synth: allopurinol has no RxNorm code in knowledge/drugs.yaml");
        products[Allopurinol] = new SynthProduct(allopurinol, "allopurinol", ["allopurinol"]);
        _products = products.ToFrozenDictionary(StringComparer.Ordinal);

        var conditions = new Dictionary<string, SynthCondition>(StringComparer.Ordinal);
        foreach (var (conditionId, snomed) in ConditionCodes)
        {
            var match = knowledge.ConditionsById.TryGetValue(conditionId, out var definition)
                ? definition.Codes.FirstOrDefault(c => c.Code == new Code(CodeSystems.Snomed, snomed))
                : null;
            conditions[conditionId] = match is null
                ? throw new InvalidOperationException($"synth: SNOMED CT {snomed} is not a code of {conditionId} in knowledge/conditions.yaml")
                : new SynthCondition(conditionId, match.Code, match.Display);
        }

        _conditions = conditions.ToFrozenDictionary(StringComparer.Ordinal);

        var tests = new Dictionary<string, SynthTest>(StringComparer.Ordinal);
        foreach (var id in TestIds)
        {
            var test = knowledge.Safety.Tests.TryGetValue(id, out var found)
                ? found
                : throw new InvalidOperationException($"synth: test {id} is not in knowledge/monitoring.yaml");
            var loinc = test.Codes.First(c => c.System == CodeSystems.Loinc);
            tests[id] = new SynthTest(id, loinc.Value, test.Name, test.Unit);
        }

        var pain = knowledge.Safety.Instruments.FirstOrDefault(i => i.Id == PainInstrumentId)
            ?? throw new InvalidOperationException($"synth: instrument {PainInstrumentId} is not in knowledge/response.yaml");
        tests[PainInstrumentId] = new SynthTest(pain.Id, pain.Codes.First(c => c.System == CodeSystems.Loinc).Value, pain.Name, "{score}");
        _tests = tests.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public string KnowledgeVersion { get; }

    public SynthProduct Product(string rxnorm) => _products[rxnorm];

    public SynthCondition Condition(string conditionId) => _conditions[conditionId];

    public SynthTest Test(string id) => _tests[id];

    /// <summary>The pain instrument of the score series: LOINC 72514-3, 0-10 numeric rating.</summary>
    public const string PainInstrumentId = "pain-nrs-0-10";

    /// <summary>Key of the allopurinol ingredient code in the product table.</summary>
    public const string Allopurinol = "allopurinol";

    // RxNorm products the regimens prescribe (each must be in products.yaml).
    public const string Duloxetine60 = "596934";
    public const string Pregabalin75 = "483450";
    public const string Pregabalin150 = "483440";
    public const string Gabapentin300 = "310431";
    public const string Amitriptyline10 = "856783";
    public const string Amitriptyline25 = "856834";
    public const string Cyclobenzaprine5 = "828320";
    public const string Tramadol50 = "835603";
    public const string Sertraline50 = "312941";
    public const string Fluoxetine20 = "310385";
    public const string OxycodoneApap5 = "1049221";
    public const string HydrocodoneApap75 = "857005";
    public const string OxycodoneEr40 = "1049584";
    public const string Clonazepam1 = "197528";
    public const string Diazepam5 = "197591";
    public const string Methotrexate25 = "105585";
    public const string Azathioprine50 = "197388";
    public const string Hydroxychloroquine200 = "979092";
    public const string Prednisone5 = "312617";
    public const string Prednisone10 = "198145";
    public const string Ibuprofen400 = "197805";
    public const string Naproxen500 = "198014";
    public const string Celecoxib200 = "205323";

    private static readonly string[] ProductCodes =
    [
        Duloxetine60, Pregabalin75, Pregabalin150, Gabapentin300, Amitriptyline10, Amitriptyline25, Cyclobenzaprine5,
        Tramadol50, Sertraline50, Fluoxetine20, OxycodoneApap5, HydrocodoneApap75, OxycodoneEr40, Clonazepam1, Diazepam5,
        Methotrexate25, Azathioprine50, Hydroxychloroquine200, Prednisone5, Prednisone10, Ibuprofen400, Naproxen500, Celecoxib200,
    ];

    private static readonly (string ConditionId, string Snomed)[] ConditionCodes =
    [
        ("fibromyalgia", "203082005"),
        ("me-cfs", "52702003"),
        ("chronic-primary-pain", "82423001"),
        ("neuropathic-pain", "247398009"),
        ("painful-diabetic-neuropathy", "193184006"),
        ("postherpetic-neuralgia", "2177002"),
        ("ra-pain", "69896004"),
        ("sle-pain", "55464009"),
        ("ms-pain", "24700007"),
    ];

    // Tests drawn for the DMARD schedules (BSR 2017) and their baselines.
    private static readonly string[] TestIds = ["wbc", "neutrophils", "platelets", "creatinine", "alt", "albumin"];
}
