using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// The text of a JSON string value, made once per thread for the short values that repeat: a record's code systems,
/// codes, displays and statuses, a screen's finding ids, titles and sources. A screen reads the same few hundred of
/// them for a million patients, and a string made for each was a large part of the allocations.
/// </summary>
/// <remarks>
/// A direct-mapped table: a value's slot is a hash of its bytes, a hit is a slot holding exactly those characters,
/// a miss makes the string and takes the slot. Only short ASCII values without escapes are kept, whose bytes are
/// their characters, so a hit is the very text <see cref="JsonElement.GetString"/> or
/// <see cref="Utf8JsonReader.GetString"/> gives; anything else is made as before. Per thread, so no locks.
/// </remarks>
public static class RepeatedStrings
{
    private const int Slots = 1024;

    // A record's longer values (narrative, long displays) seldom repeat, and hashing them cost more than it saved
    // (measured on the 80-bundle batch); a screen's finding titles are longer but repeat on every row.
    private const int MaxElementLength = 96;
    private const int MaxTokenLength = 256;

    [ThreadStatic]
    private static string?[]? table;

    /// <summary>The element's string value; the element must be a JSON string.</summary>
    public static string Of(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var text = raw[1..^1];
        return text.Length > MaxElementLength || text.Contains((byte)'\\') ? element.GetString()! : Kept(text) ?? element.GetString()!;
    }

    /// <summary>The current token's value as <see cref="Utf8JsonReader.GetString"/> gives it, "" for a JSON null.</summary>
    public static string Of(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxTokenLength
            ? reader.GetString() ?? ""
            : Kept(reader.ValueSpan) ?? reader.GetString()!;

    /// <summary>The string of unescaped <paramref name="text"/> from the table (made and kept on a miss); null when not ASCII.</summary>
    private static string? Kept(ReadOnlySpan<byte> text)
    {
        var hash = new HashCode();
        hash.AddBytes(text);
        var slot = hash.ToHashCode() & (Slots - 1);
        var slots = table ??= new string?[Slots];
        if (slots[slot] is { } cached && Ascii.Equals(text, cached))
        {
            return cached;
        }

        return Ascii.IsValid(text) ? slots[slot] = Encoding.ASCII.GetString(text) : null;
    }
}
