using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// The text of a JSON string value, made once per thread for the short values records repeat (code systems,
/// codes, displays, statuses): a screen reads the same few hundred of them for a million patients, and a string
/// made for each was a large part of a small record's allocations.
/// </summary>
/// <remarks>
/// A direct-mapped table: a value's slot is a hash of its bytes, a hit is a slot holding exactly those characters,
/// a miss makes the string and takes the slot. Only short ASCII values without escapes are kept, whose bytes are
/// their characters, so a hit is the very text <see cref="JsonElement.GetString"/> gives; anything else is made
/// as before.
/// </remarks>
internal static class RepeatedStrings
{
    private const int Slots = 1024;
    private const int MaxLength = 96;

    [ThreadStatic]
    private static string?[]? table;

    /// <summary>The element's string value; the element must be a JSON string.</summary>
    public static string Of(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var text = raw[1..^1];
        if (text.Length > MaxLength || text.Contains((byte)'\\'))
        {
            return element.GetString()!;
        }

        var hash = new HashCode();
        hash.AddBytes(text);
        var slot = hash.ToHashCode() & (Slots - 1);
        var slots = table ??= new string?[Slots];
        if (slots[slot] is { } cached && Ascii.Equals(text, cached))
        {
            return cached;
        }

        if (!Ascii.IsValid(text))
        {
            return element.GetString()!;
        }

        return slots[slot] = Encoding.ASCII.GetString(text);
    }
}
