using System.Text.RegularExpressions;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Factors;

/// <summary>
/// Reads a pharmacogenomic result as a phenotype as its test's knowledge says (knowledge-format-safety.md §8.1a): the result's words
/// first, then a star-allele diplotype, then a numeric activity by its interpretation code or reference range.
/// Null when none applies: such a result is neither reassuring nor alarming, and the caller says so.
/// </summary>
internal static partial class PhenotypeReader
{
    [GeneratedRegex(@"\*[0-9]+[A-Z]?", RegexOptions.CultureInvariant)]
    private static partial Regex StarAllele();

    public static string? Read(ObservationFact result, PhenotypeReading reading)
    {
        foreach (var text in ResultReader.Texts(result))
        {
            var lower = text.ToLowerInvariant();
            foreach (var rule in reading.Text)
            {
                if (rule.Contains.Any(lower.Contains))
                {
                    return rule.Phenotype;
                }
            }

            if (reading.Diplotype is { } diplotype && FromDiplotype(text, diplotype) is { } phenotype)
            {
                return phenotype;
            }
        }

        if (result.Value is not { } value)
        {
            return null;
        }

        foreach (var code in result.Interpretation)
        {
            if (reading.Interpretation.TryGetValue(code.Value, out var phenotype))
            {
                return phenotype;
            }
        }

        if (result.ReferenceLow is { } low && value < low)
        {
            return reading.BelowRange;
        }

        if (result.ReferenceHigh is { } high && value > high)
        {
            return reading.AboveRange;
        }

        // Within the range only when the range is fully known: a value above a lone lower bound could still be high.
        return result.ReferenceLow is not null && result.ReferenceHigh is not null ? reading.WithinRange : null;
    }

    /// <summary>Two star alleles, each of known function: the count of no-function alleles decides (CPIC).</summary>
    private static string? FromDiplotype(string text, PhenotypeDiplotype diplotype)
    {
        var alleles = StarAllele().Matches(text).Select(m => m.Value).ToList();
        if (alleles.Count != 2 || alleles.Any(a => !diplotype.NoFunction.Contains(a) && !diplotype.NormalFunction.Contains(a)))
        {
            return null;
        }

        return alleles.Count(diplotype.NoFunction.Contains) switch
        {
            0 => diplotype.Zero,
            1 => diplotype.One,
            _ => diplotype.Two,
        };
    }
}
