using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>A linear conversion <c>to = from x Factor</c>, optionally only for one analyte (molar-mass conversions).</summary>
public sealed record UnitConversion(string From, string To, decimal Factor, string? Analyte, ImmutableArray<string> SourceIds, string? Derivation);

/// <summary>
/// Converts lab values and doses between the units real records use, by the table in units.yaml (knowledge-format-safety.md §9).
/// No UCUM library is available to this project, so the table is knowledge data: every spelling Relief
/// accepts and every factor is reviewed like any other fact, and a unit outside the table is reported as
/// unconvertible rather than guessed. Conversions are never chained or inverted automatically.
/// </summary>
public sealed class UnitConverter
{
    private readonly FrozenDictionary<string, string> _exact;
    private readonly FrozenDictionary<string, string> _ignoringCase;
    private readonly FrozenDictionary<(string From, string To, string? Analyte), UnitConversion> _conversions;

    internal UnitConverter(IEnumerable<(string Ucum, IEnumerable<string> Seen)> aliases, IEnumerable<UnitConversion> conversions)
    {
        var exact = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (ucum, seen) in aliases)
        {
            exact.TryAdd(ucum, ucum);
            foreach (var spelling in seen)
            {
                exact.TryAdd(spelling, ucum);
            }
        }

        // A spelling that differs only in case between two units ("G/L" is 10*9/L, "g/L" is grams) is
        // only recognised exactly; case-insensitive matching drops it rather than pick one.
        var ignoringCase = exact
            .GroupBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(kv => kv.Value).Distinct(StringComparer.Ordinal).Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);

        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
        _ignoringCase = ignoringCase.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Conversions = [.. conversions];
        _conversions = Conversions
            .GroupBy(c => (c.From, c.To, c.Analyte))
            .ToFrozenDictionary(g => g.Key, g => g.First());
        Units = exact.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>The UCUM codes the table knows.</summary>
    public ImmutableArray<string> Units { get; }

    public ImmutableArray<UnitConversion> Conversions { get; }

    public bool IsKnown(string ucum) => _exact.TryGetValue(ucum, out var known) && known == ucum;

    /// <summary>
    /// The UCUM code of a recorded unit: the quantity's UCUM code when it has one, else its unit text; each
    /// matched case-sensitively, then case-insensitively. Null when neither is in the table.
    /// </summary>
    public string? Normalise(string? unitCode, string? unit) => Find(unitCode) ?? Find(unit);

    /// <summary>True when a value in <paramref name="from"/> can be expressed in <paramref name="to"/> for the analyte.</summary>
    public bool CanConvert(string from, string to, string? analyte) => from == to || Lookup(from, to, analyte) is not null;

    public bool TryConvert(decimal value, string fromUcum, string toUcum, string? analyte, out decimal converted)
    {
        if (fromUcum == toUcum)
        {
            converted = value;
            return true;
        }

        if (Lookup(fromUcum, toUcum, analyte) is { } conversion)
        {
            converted = value * conversion.Factor;
            return true;
        }

        converted = 0;
        return false;
    }

    /// <summary>
    /// Converts a recorded value to <paramref name="toUcum"/>. On failure <paramref name="problem"/> says why
    /// (unit not in the table, or no conversion between the two units), for a data-quality note.
    /// </summary>
    public bool TryConvert(decimal value, string? unitCode, string? unit, string toUcum, string? analyte, out decimal converted, out string? problem)
    {
        var from = Normalise(unitCode, unit);
        if (from is null)
        {
            converted = 0;
            problem = $"unit '{unitCode ?? unit ?? "(none)"}' is not in units.yaml";
            return false;
        }

        if (TryConvert(value, from, toUcum, analyte, out converted))
        {
            problem = null;
            return true;
        }

        problem = $"no conversion from {from} to {toUcum}{(analyte is null ? "" : $" for {analyte}")} in units.yaml";
        return false;
    }

    private string? Find(string? spelling)
    {
        if (string.IsNullOrWhiteSpace(spelling))
        {
            return null;
        }

        var trimmed = spelling.Trim();
        return _exact.TryGetValue(trimmed, out var ucum) || _ignoringCase.TryGetValue(trimmed, out ucum) ? ucum : null;
    }

    // An analyte-specific conversion wins over a general one (creatinine mg/dL -> umol/L is molar, not mass).
    private UnitConversion? Lookup(string from, string to, string? analyte) =>
        (analyte is not null && _conversions.TryGetValue((from, to, analyte), out var specific)) ? specific
        : _conversions.TryGetValue((from, to, null), out var general) ? general
        : null;
}
