using System.Text.Json;
using System.Text.Unicode;

namespace Relief.Bulk.Grouping;

/// <summary>
/// A line's <c>subject</c> or <c>patient</c> reference as the first pass needs it: the patient id it names
/// (<see cref="LineScanner.PatientIdOf"/>), or, when it names none, its text for the bad line's message. Why not
/// just the string: the id is cut from the token's UTF-8 bytes, so a line about a patient costs one string (the
/// id), not two (the reference, then the id cut from it).
/// </summary>
internal readonly record struct PatientReference(string? PatientId, string? Text)
{
    /// <summary>The reader's current string token.</summary>
    public static PatientReference Read(ref Utf8JsonReader reader)
    {
        // Escaped or invalid UTF-8 (never seen in exports) takes the string path, which unescapes or fails as before.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && Utf8.IsValid(reader.ValueSpan))
        {
            var bytes = reader.ValueSpan;
            if (PatientIdRange(bytes) is { } id)
            {
                return new PatientReference(System.Text.Encoding.UTF8.GetString(bytes[id]), null);
            }
        }

        var text = reader.GetString()!;
        return new PatientReference(LineScanner.PatientIdOf(text), text);
    }

    /// <summary>
    /// <see cref="LineScanner.PatientIdOf"/> on UTF-8 bytes: where the id lies in <c>Patient/id</c>, <c>…/Patient/id</c>
    /// or either with <c>/_history/n</c>. The separators are ASCII, which UTF-8 never uses inside another character,
    /// so the cut is the same as on the string.
    /// </summary>
    private static Range? PatientIdRange(ReadOnlySpan<byte> reference)
    {
        var history = reference.IndexOf("/_history/"u8);
        var target = history < 0 ? reference : reference[..history];
        var slash = target.LastIndexOf((byte)'/');
        if (slash <= 0 || slash == target.Length - 1)
        {
            return null;
        }

        var head = target[..slash];
        return head.SequenceEqual("Patient"u8) || head.EndsWith("/Patient"u8) ? (slash + 1)..target.Length : null;
    }
}
