using System.IO.Hashing;
using System.Text.Json;

namespace Relief.Bulk.Output;

/// <summary>
/// The string values of JSON tokens, each distinct value allocated once: a value is looked up by its UTF-8 bytes,
/// so a hit costs a hash and a compare, no decoding and no allocation. A miss is read with
/// <see cref="Utf8JsonReader.GetString"/> (which validates the bytes) and remembered. Bounded (<see cref="Capacity"/>
/// values; later new values are read as usual) so a column of unique values cannot grow it without limit. Not
/// thread-safe: its user serialises (<see cref="RowBatch"/> locks it).
/// </summary>
internal sealed class RepeatedStrings
{
    public const int Capacity = 16_384;

    // Longer values are rare (titles are short) and are read with GetString.
    private const int LongestPooled = 1024;

    private readonly Dictionary<byte[], string> values = new(new Utf8Bytes());
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> lookup;

    public RepeatedStrings() => lookup = values.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>The current token's string value, as <see cref="Utf8JsonReader.GetString"/> gives it.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        // Escaped values (rare: quotes, backslashes, control characters) are unescaped by the reader itself.
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence
            || reader.ValueSpan.Length > LongestPooled)
        {
            return reader.GetString() ?? "";
        }

        if (lookup.TryGetValue(reader.ValueSpan, out var known))
        {
            return known;
        }

        var value = reader.GetString()!;
        if (values.Count < Capacity)
        {
            lookup[reader.ValueSpan] = value;
        }

        return value;
    }

    /// <summary>Byte-wise equality of UTF-8 keys, also against a span (the lookup without allocating).</summary>
    private sealed class Utf8Bytes : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] key) => GetHashCode(key.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => unchecked((int)XxHash3.HashToUInt64(alternate));

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
