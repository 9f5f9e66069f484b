using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Relief.Store.Model;

namespace Relief.Store.Import;

/// <summary>One resource of a bundle as received: identity, version, text and content hash.</summary>
internal sealed record RawResource(string ResourceType, string ResourceId, string? VersionId, DateTime? LastUpdated, string Json, string Hash)
{
    /// <summary>The value of its <see cref="EntryIdentifier"/> ("course/12"), when a Relief export made it.</summary>
    public string? EntryIdentity { get; init; }

    public string Reference => $"{ResourceType}/{ResourceId}";

    /// <summary>The bundle's resources; a resource without an id is keyed by its content hash so re-imports stay idempotent.</summary>
    public static List<RawResource> FromBundle(JsonElement bundle)
    {
        var result = new List<RawResource>();
        if (!bundle.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var entry in entries.EnumerateArray())
        {
            if (!entry.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object
                || !resource.TryGetProperty("resourceType", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var json = resource.GetRawText();
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
            var id = resource.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()!
                : "sha256-" + hash[..32].ToLowerInvariant();
            string? versionId = null;
            DateTime? lastUpdated = null;
            if (resource.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
            {
                if (meta.TryGetProperty("versionId", out var v) && v.ValueKind == JsonValueKind.String)
                {
                    versionId = v.GetString();
                }

                if (meta.TryGetProperty("lastUpdated", out var u) && u.ValueKind == JsonValueKind.String
                    && DateTimeOffset.TryParse(u.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
                {
                    lastUpdated = instant.UtcDateTime;
                }
            }

            result.Add(new RawResource(typeElement.GetString()!, id, versionId, lastUpdated, json, hash) { EntryIdentity = FindEntryIdentity(resource) });
        }

        return result;
    }

    /// <summary>The value of the identifier with the store's entry system (identifier is a list on most types, one on a few).</summary>
    private static string? FindEntryIdentity(JsonElement resource)
    {
        if (!resource.TryGetProperty("identifier", out var identifier))
        {
            return null;
        }

        var candidates = identifier.ValueKind switch
        {
            JsonValueKind.Array => identifier.EnumerateArray().ToList(),
            JsonValueKind.Object => [identifier],
            _ => [],
        };
        foreach (var candidate in candidates)
        {
            if (candidate.ValueKind == JsonValueKind.Object
                && candidate.TryGetProperty("system", out var system) && system.ValueKind == JsonValueKind.String && system.GetString() == EntryIdentifier.System
                && candidate.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }

    /// <summary>
    /// Positive when this is newer than the stored version, negative when older, 0 when it cannot be told:
    /// numeric meta.versionId first (same server), else meta.lastUpdated.
    /// </summary>
    public int CompareTo(string? storedVersionId, DateTime? storedLastUpdated)
    {
        if (long.TryParse(VersionId, out var mine) && long.TryParse(storedVersionId, out var theirs) && mine != theirs)
        {
            return mine.CompareTo(theirs);
        }

        if (LastUpdated is { } a && storedLastUpdated is { } b && a != b)
        {
            return a.CompareTo(b);
        }

        return 0;
    }
}
