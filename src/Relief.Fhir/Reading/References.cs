namespace Relief.Fhir.Reading;

/// <summary>The parts of a FHIR reference string the reader needs.</summary>
internal static class References
{
    /// <summary>The reference without a trailing <c>/_history/n</c>: a versioned reference still names the resource.</summary>
    public static ReadOnlySpan<char> WithoutHistory(string reference)
    {
        var history = reference.IndexOf("/_history/", StringComparison.Ordinal);
        return history < 0 ? reference : reference.AsSpan(0, history);
    }

    /// <summary>The <c>Type/id</c> tail of a relative or absolute RESTful reference; null for urn: and #fragments.</summary>
    public static string? TypeAndId(string reference)
    {
        var target = WithoutHistory(reference);
        if (target.StartsWith("urn:", StringComparison.Ordinal) || target.StartsWith("#"))
        {
            return null;
        }

        var lastSlash = target.LastIndexOf('/');
        if (lastSlash <= 0)
        {
            return null;
        }

        var typeStart = target[..lastSlash].LastIndexOf('/') + 1;
        return target[typeStart..].ToString();
    }
}
