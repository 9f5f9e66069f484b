using System.Collections.Frozen;
using Relief.Fhir.CdsHooks;

namespace Relief.Service.CdsHooks;

/// <summary>The three services Relief offers, one per hook, each with the same prefetch templates.</summary>
public static class CdsServiceCatalog
{
    public const string PatientViewId = "relief-patient-view";
    public const string OrderSelectId = "relief-order-select";
    public const string OrderSignId = "relief-order-sign";

    private const string Usage =
        "Prefetch: fill every key (null where a query finds nothing), or give fhirServer with fhirAuthorization so the service can fetch " +
        "what is missing; otherwise it answers 412. Prefetch under other keys is accepted by resource type. Every call needs a signed JWT " +
        "(ES384 or RS384) from an issuer the service trusts. Decision support, not a prescription.";

    public static IReadOnlyList<ServiceDescription> Services { get; } =
    [
        Describe(PatientViewId, CdsHook.PatientView, "Relief: pain and fatigue therapy review",
            "For patients with chronic pain or fatigue syndromes (fibromyalgia, ME/CFS, neuropathic pain, chronic primary pain, RA, lupus, MS): " +
            "safety problems with current medicines (contraindications, interactions, doses), overdue monitoring and results past action " +
            "thresholds, and whether treatment is working, with the evidence and its source. The few cards that matter come first."),
        Describe(OrderSelectId, CdsHook.OrderSelect, "Relief: check the selected medicine",
            "For each selected draft medication order: what the evidence says of it for this patient's conditions, contraindications, " +
            "interactions with current medicines, dose problems and missing baseline tests (with orders to add them); taper guidance when an order stops a medicine."),
        Describe(OrderSignId, CdsHook.OrderSign, "Relief: check medicines before signing",
            "For each draft medication order being signed: evidence for this patient's conditions, contraindications, interactions, dose problems " +
            "and missing baseline tests (with orders to add them); taper guidance when an order stops a medicine."),
    ];

    private static readonly FrozenDictionary<string, CdsHook> HooksById = new Dictionary<string, CdsHook>
    {
        [PatientViewId] = CdsHook.PatientView,
        [OrderSelectId] = CdsHook.OrderSelect,
        [OrderSignId] = CdsHook.OrderSign,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static CdsHook? HookOf(string serviceId) => HooksById.TryGetValue(serviceId, out var hook) ? hook : null;

    private static ServiceDescription Describe(string id, CdsHook hook, string title, string description) => new(
        CdsHookNames.Of(hook),
        title,
        description,
        id,
        PrefetchTemplates.All.ToDictionary(t => t.Key, t => t.Query, StringComparer.Ordinal),
        Usage);
}
