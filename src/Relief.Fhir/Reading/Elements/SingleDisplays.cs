using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// The displays of a concept with one coding (<c>{code: display}</c>), made once per thread for the (code, display)
/// pairs records repeat: a screen reads the same few hundred for a million patients. The dictionary is immutable,
/// so sharing it gives every record the same contents as a dictionary of its own.
/// </summary>
/// <remarks>A direct-mapped table like <see cref="RepeatedStrings"/>: a slot holds the last pair hashed to it.</remarks>
internal static class SingleDisplays
{
    private const int Slots = 512;

    [ThreadStatic]
    private static Entry?[]? table;

    public static ImmutableDictionary<Code, string> Of(Code code, string display)
    {
        var slot = HashCode.Combine(code, StringComparer.Ordinal.GetHashCode(display)) & (Slots - 1);
        var slots = table ??= new Entry?[Slots];
        if (slots[slot] is { } cached && cached.Code.Equals(code) && string.Equals(cached.Display, display, StringComparison.Ordinal))
        {
            return cached.Displays;
        }

        var displays = ImmutableDictionary<Code, string>.Empty.SetItem(code, display);
        slots[slot] = new Entry(code, display, displays);
        return displays;
    }

    private sealed record Entry(Code Code, string Display, ImmutableDictionary<Code, string> Displays);
}
