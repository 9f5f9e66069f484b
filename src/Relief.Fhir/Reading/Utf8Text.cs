using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Relief.Fhir.Reading;

/// <summary>
/// Whether bytes are UTF-8 text. JSON readers check a document's structure but not the text inside its strings, and
/// reading such a string later throws; so input is checked once where it enters, and refused with the place.
/// </summary>
public static class Utf8Text
{
    /// <summary>The index of the first byte that is not part of valid UTF-8, or -1 when all of it is.</summary>
    public static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        var at = 0;
        while (Rune.DecodeFromUtf8(bytes[at..], out _, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }
}
