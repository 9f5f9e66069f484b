using System.Collections.Immutable;
using Relief.Core.Codes;
namespace Relief.Core.Patients;

/// <summary>
/// Equality of concepts by content: the codes in order, the text, and every display (all that ingredient resolution and
/// the opioid groups read). Two refills of one product are equal though the reader built them as separate objects; a
/// concept that differs only in its text or a display is not (it may name another product). For caches keyed by concept.
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

        return ReferenceEquals(x.Displays, y.Displays) || x.Displays.Count == 0 || SameDisplays(x.Displays, y.Displays, xCodes);
    }

    // Cheap and selective: a product's code (a few characters) tells products apart, so the long system URI, the text
    // and the displays, which Equals compares, are left out of the hash; an uncoded concept hashes its text.
    public int GetHashCode(CodedText concept)
    {
        var codes = concept.Codes.IsDefault ? [] : concept.Codes;
        return codes.IsEmpty
            ? HashCode.Combine(concept.Text is { } text ? StringComparer.Ordinal.GetHashCode(text) : 0, concept.Displays.Count)
            : HashCode.Combine(StringComparer.Ordinal.GetHashCode(codes[0].Value), codes.Length, concept.Text?.Length ?? -1, concept.Displays.Count);
    }

    // The counts are equal. The usual concept (one code, its display) is settled by that code's entry; anything else
    // compares every entry.
    private static bool SameDisplays(ImmutableDictionary<Code, string> x, ImmutableDictionary<Code, string> y, ImmutableArray<Code> codes)
    {
        if (codes.Length == 1 && x.Count == 1 && x.TryGetValue(codes[0], out var only))
        {
            return y.TryGetValue(codes[0], out var yours) && string.Equals(only, yours, StringComparison.Ordinal);
        }

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
