using System.Text.Json;

namespace Relief.Bulk.Grouping;

/// <summary>
/// The <c>resourceType</c> string of the line being scanned, reused from the previous line when the bytes are the
/// same. Why: an NDJSON export file holds one resource type, so the first pass would otherwise allocate the same
/// string for every one of millions of lines. One per thread (the first pass's workers scan in parallel).
/// </summary>
internal static class LastType
{
    [ThreadStatic]
    private static byte[]? lastBytes;

    [ThreadStatic]
    private static string? lastType;

    /// <summary>The current string token's value, as <see cref="Utf8JsonReader.GetString"/> gives it.</summary>
    public static string Of(ref Utf8JsonReader reader)
    {
        // An escaped type (never seen in practice) is unescaped by the reader each time.
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString()!;
        }

        var bytes = reader.ValueSpan;
        if (lastType is not null && bytes.SequenceEqual(lastBytes))
        {
            return lastType;
        }

        var type = reader.GetString()!;
        lastBytes = bytes.ToArray();
        lastType = type;
        return type;
    }
}
