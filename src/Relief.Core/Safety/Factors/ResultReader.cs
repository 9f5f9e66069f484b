using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Factors;

/// <summary>Reads a qualitative result (HBsAg, IGRA, TPMT phenotype) as knowledge says (knowledge-format-safety.md §2.1).</summary>
internal static class ResultReader
{
    /// <summary>
    /// Positive when a value code is a positive code, or a value text starts with a positive word and not
    /// with a negative one: "non-reactive" contains "reactive" but is negative.
    /// </summary>
    public static bool IsPositive(ObservationFact result, ResultInterpretation interpretation)
    {
        if (result.ValueConcept is { } concept)
        {
            if (concept.Codes.Any(interpretation.PositiveCodes.Contains))
            {
                return true;
            }

            if (concept.Codes.Any(c => interpretation.NegativeCodes.Contains(c) || interpretation.IndeterminateCodes.Contains(c)))
            {
                return false;
            }
        }

        foreach (var text in Texts(result))
        {
            var lower = text.Trim().ToLowerInvariant();
            if (interpretation.NegativeText.Any(n => lower.StartsWith(n, StringComparison.Ordinal)))
            {
                return false;
            }

            if (interpretation.PositiveText.Any(p => lower.StartsWith(p, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the value text (or the coded value's text or displays) contains one of the words, ignoring case.</summary>
    public static bool TextContains(ObservationFact result, IEnumerable<string> words) =>
        Texts(result).Any(text => words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)));

    public static IEnumerable<string> Texts(ObservationFact result)
    {
        if (result.ValueText is { } text)
        {
            yield return text;
        }

        if (result.ValueConcept is { } concept)
        {
            if (concept.Text is { } conceptText)
            {
                yield return conceptText;
            }

            foreach (var code in concept.Codes)
            {
                if (concept.Displays.TryGetValue(code, out var display))
                {
                    yield return display;
                }
            }
        }
    }
}
