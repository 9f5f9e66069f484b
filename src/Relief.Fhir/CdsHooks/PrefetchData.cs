using System.Collections.Immutable;
using System.Text.Json;

namespace Relief.Fhir.CdsHooks;

/// <summary>
/// The request's <c>prefetch</c>, item by item. Per the specification a key that is absent was not
/// satisfied by the EHR, a <c>null</c> value means the query found nothing, and an OperationOutcome in
/// place of the data means the EHR tried and failed.
/// </summary>
public sealed class PrefetchData
{
    public static readonly PrefetchData None = new(ImmutableDictionary<string, PrefetchItem>.Empty);

    public PrefetchData(ImmutableDictionary<string, PrefetchItem> items) => Items = items;

    public ImmutableDictionary<string, PrefetchItem> Items { get; }

    /// <summary>The FHIR resources delivered (single resources and searchset Bundles), in key order for determinism.</summary>
    public IEnumerable<JsonElement> Resources =>
        Items.Values.Where(i => i.State == PrefetchState.Data).OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Value);
}

public enum PrefetchState
{
    /// <summary>A resource or a Bundle.</summary>
    Data,

    /// <summary><c>null</c>: the EHR ran the query and found nothing.</summary>
    Empty,

    /// <summary>An OperationOutcome (alone or as the only content of a Bundle): the EHR could not run the query.</summary>
    Failed,
}

/// <summary>
/// One prefetch item: its state, its JSON and the resource types it holds (a Bundle's entries' types;
/// a single resource's type), which is how items under keys Relief did not ask for are put to use.
/// </summary>
public sealed record PrefetchItem(string Key, PrefetchState State, JsonElement Value, ImmutableHashSet<string> ResourceTypes)
{
    /// <summary>For a failed item, what the OperationOutcome says (its issues' diagnostics or details text).</summary>
    public string? Failure { get; init; }
}
