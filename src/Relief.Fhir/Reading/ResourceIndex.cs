using System.Text.Json;

namespace Relief.Fhir.Reading;

/// <summary>
/// The resources other resources point at (Medication, for <c>medicationReference</c>), by fullUrl and by
/// <c>Type/id</c>, so that <c>urn:uuid:</c>, relative and absolute references all resolve.
/// </summary>
internal sealed class ResourceIndex
{
    private readonly Dictionary<string, JsonElement> byFullUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> byTypeAndId = new(StringComparer.Ordinal);

    public void Add(string resourceType, string id, string? fullUrl, JsonElement resource)
    {
        if (fullUrl is not null)
        {
            byFullUrl.TryAdd(fullUrl, resource);
        }

        byTypeAndId.TryAdd($"{resourceType}/{id}", resource);
    }

    public bool TryResolve(string reference, out JsonElement resource)
    {
        var target = References.WithoutHistory(reference).ToString();
        if (byFullUrl.TryGetValue(target, out resource))
        {
            return true;
        }

        return References.TypeAndId(target) is { } typeAndId && byTypeAndId.TryGetValue(typeAndId, out resource);
    }
}
