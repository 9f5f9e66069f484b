using System.Collections.Immutable;
using Relief.Core.Patients;
using Relief.Fhir.Reading;

namespace Relief.Fhir.CdsHooks;

/// <summary>
/// A CDS Hooks request turned into the engine's input: the patient's record (prefetch, fetched resources
/// and the draft orders) and what each draft order means.
/// </summary>
public sealed record CdsRecord(
    PatientRecord Record,
    ImmutableArray<DraftOrder> DraftOrders,
    ImmutableArray<FhirReadWarning> Warnings,
    ImmutableSortedDictionary<string, int> IgnoredResources)
{
    /// <summary>References (<c>Type/id</c>) of the drafts the hook is about: the selections for order-select, every draft for order-sign.</summary>
    public ImmutableHashSet<string> FocusReferences { get; init; } = ImmutableHashSet<string>.Empty;
}
