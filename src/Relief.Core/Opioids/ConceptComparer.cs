using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Patients;

namespace Relief.Core.Opioids;

/// <summary>
/// Equality of medication concepts by everything group membership reads: the codes in order, the text, and every
/// display. Two refills of one product are equal though the reader built them as separate objects; a concept that
/// differs only in its text or a display is not (it may name another product).
/// </summary>
internal sealed class ConceptComparer : IEqualityComparer<CodedText>
{
    public static readonly ConceptComparer Instance = new();

    public bool Equals(CodedText? x, CodedText? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || !string.Equals(x.Text, y.Text, StringComparison.Ordinal))
        {
            return false;
        }

        var xCodes = x.Codes.IsDefault ? [] : x.Codes;
        var yCodes = y.Codes.IsDefault ? [] : y.Codes;
        if (xCodes.Length != yCodes.Length || x.Displays.Count != y.Displays.Count)
        {
            return false;
        }

        for (var i = 0; i < xCodes.Length; i++)
        {
            if (xCodes[i] != yCodes[i])
            {
                return false;
            }
        }

        return ReferenceEquals(x.Displays, y.Displays) || SameDisplays(x.Displays, y.Displays);
    }

    public int GetHashCode(CodedText concept)
    {
        var hash = new HashCode();
        hash.Add(concept.Text, StringComparer.Ordinal);
        foreach (var code in concept.Codes.IsDefault ? [] : concept.Codes)
        {
            hash.Add(code);
        }

        hash.Add(concept.Displays.Count);
        return hash.ToHashCode();
    }

    private static bool SameDisplays(ImmutableDictionary<Code, string> x, ImmutableDictionary<Code, string> y)
    {
        foreach (var (code, display) in x)
        {
            if (!y.TryGetValue(code, out var other) || !string.Equals(display, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
