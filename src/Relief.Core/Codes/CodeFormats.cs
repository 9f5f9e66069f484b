using System.Text.RegularExpressions;

namespace Relief.Core.Codes;

/// <summary>
/// The shape each code system's codes must have. A shape check catches typos and pasted displays;
/// it cannot prove a code exists, which is why every code in knowledge/ was also checked by hand.
/// </summary>
public static partial class CodeFormats
{
    /// <summary>True when <paramref name="value"/> has the form its system requires (unknown systems pass).</summary>
    public static bool IsWellFormed(string system, string value) => system switch
    {
        CodeSystems.Snomed => SnomedId().IsMatch(value) && HasValidVerhoeffCheckDigit(value),
        CodeSystems.Icd10Cm => Icd10Cm().IsMatch(value),
        CodeSystems.RxNorm => RxCui().IsMatch(value),
        CodeSystems.Loinc => Loinc().IsMatch(value) && HasValidLoincCheckDigit(value),
        CodeSystems.Atc => Atc().IsMatch(value),
        CodeSystems.Cvx => Cvx().IsMatch(value),
        _ => true,
    };

    /// <summary>
    /// True for a LOINC answer code (<c>LA6576-8</c> "Positive"). Answer codes are a separate LOINC namespace;
    /// only their shape is checked (the test codes' mod-10 rule does not apply to them).
    /// </summary>
    public static bool IsLoincAnswer(string value) => LoincAnswer().IsMatch(value);

    [GeneratedRegex(@"^LA[0-9]{1,6}-[0-9]$")]
    private static partial Regex LoincAnswer();

    // SNOMED CT identifiers are 6-18 digits ending in a Verhoeff check digit.
    [GeneratedRegex(@"^[1-9][0-9]{5,17}$")]
    private static partial Regex SnomedId();

    // ICD-10-CM: letter, digit, alphanumeric, then an optional dot and up to four more characters.
    [GeneratedRegex(@"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")]
    private static partial Regex Icd10Cm();

    [GeneratedRegex(@"^[1-9][0-9]{0,8}$")]
    private static partial Regex RxCui();

    // LOINC: digits, a hyphen and a mod-10 check digit.
    [GeneratedRegex(@"^[0-9]{1,7}-[0-9]$")]
    private static partial Regex Loinc();

    // ATC levels 1-5: A, A01, A01A, A01AA, A01AA01.
    [GeneratedRegex(@"^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$")]
    private static partial Regex Atc();

    [GeneratedRegex(@"^[0-9]{1,3}$")]
    private static partial Regex Cvx();

    private static readonly int[,] VerhoeffMultiplication =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    private static readonly int[,] VerhoeffPermutation =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
        { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };

    internal static bool HasValidVerhoeffCheckDigit(string digits)
    {
        var check = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            check = VerhoeffMultiplication[check, VerhoeffPermutation[i % 8, digit]];
        }

        return check == 0;
    }

    internal static bool HasValidLoincCheckDigit(string loinc)
    {
        var hyphen = loinc.IndexOf('-', StringComparison.Ordinal);
        var body = loinc[..hyphen];
        var expected = loinc[hyphen + 1] - '0';

        // LOINC's mod 10: double every other digit starting from the rightmost of the body.
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                digit = (digit / 10) + (digit % 10);
            }

            sum += digit;
        }

        return (10 - (sum % 10)) % 10 == expected;
    }
}
