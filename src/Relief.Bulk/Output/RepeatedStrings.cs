using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Relief.Bulk.Output;

/// <summary>
/// The string values of JSON tokens, each distinct value allocated once: a hit is decoded into a stack buffer and
/// found without allocating. Bounded (<see cref="Capacity"/> values; later new values are allocated as usual) so
/// a column of unique values cannot grow it without limit. Not thread-safe: its user serialises (<see cref="RowBatch"/> locks it).
/// </summary>
internal sealed class RepeatedStrings
{
    public const int Capacity = 16_384;

    // Longer values are rare (titles are short) and are read with GetString.
    private const int LongestPooled = 512;

    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public RepeatedStrings() => lookup = values.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The current token's string value, as <see cref="Utf8JsonReader.GetString"/> gives it.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        // Escaped values (rare: quotes, backslashes, control characters) are unescaped by the reader itself.
        // Invalid UTF-8 goes to GetString too, so it fails as it always did.
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence
            || reader.ValueSpan.Length > LongestPooled || !Utf8.IsValid(reader.ValueSpan))
        {
            return reader.GetString() ?? "";
        }

        Span<char> chars = stackalloc char[LongestPooled];
        var length = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        var text = chars[..length];
        if (lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var value = new string(text);
        if (values.Count < Capacity)
        {
            values.Add(value, value);
        }

        return value;
    }
}
