using System.Text.Json;

namespace Relief.Fhir.Reading.Resources;

/// <summary>A resource found in the input, with what the reader learned about it before reading it.</summary>
/// <param name="Location">Where it sits, for warnings about the entry itself (<c>Bundle.entry[3]</c>).</param>
internal readonly record struct ResourceEntry(
    JsonElement Resource,
    ResourceKind Kind,
    string ResourceType,
    string Id,
    string? FullUrl,
    string Location)
{
    /// <summary><c>Type/id</c>, for a message: made on each call, so the happy path keys resources by <see cref="Key"/>.</summary>
    public string Label => $"{ResourceType}/{Id}";

    /// <summary>What <see cref="Label"/> says, without the string (a known type has no '/': the pair names one label).</summary>
    public (string ResourceType, string Id) Key => (ResourceType, Id);
}

/// <summary>A resource as the input gives it, before its type and id are known.</summary>
/// <param name="DeletedLabel">For a history bundle's DELETE entry, the <c>Type/id</c> it deletes (and no resource).</param>
internal readonly record struct RawEntry(JsonElement Resource, string? FullUrl, string Location, string? DeletedLabel = null);
