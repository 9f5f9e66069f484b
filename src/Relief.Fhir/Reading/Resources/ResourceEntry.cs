using System.Text.Json;

namespace Relief.Fhir.Reading.Resources;

/// <summary>A resource found in the input, with what the reader learned about it before reading it.</summary>
/// <param name="Location">Where it sits, for warnings about the entry itself (<c>Bundle.entry[3]</c>).</param>
/// <param name="Label">
/// <c>Type/id</c>, what warnings about the resource are filed under: made once per resource the reader reads
/// (it keys the duplicate check and names the resource being read), empty for one passed over unread.
/// </param>
internal readonly record struct ResourceEntry(
    JsonElement Resource,
    ResourceKind Kind,
    string ResourceType,
    string Id,
    string? FullUrl,
    string Location,
    string Label);

/// <summary>A resource as the input gives it, before its type and id are known.</summary>
/// <param name="DeletedLabel">For a history bundle's DELETE entry, the <c>Type/id</c> it deletes (and no resource).</param>
internal readonly record struct RawEntry(JsonElement Resource, string? FullUrl, string Location, string? DeletedLabel = null);
