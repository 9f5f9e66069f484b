using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Tests.Safety;

/// <summary>The unit table of knowledge/units.yaml (knowledge-format-safety.md §9): no UCUM library is available, so every conversion is data and tested here.</summary>
public class UnitConverterTests
{
    private static readonly UnitConverter Units = TestKnowledge.Real.Safety.Units;

    private static decimal Convert(decimal value, string unit, string to, string? analyte = null)
    {
        Assert.True(Units.TryConvert(value, null, unit, to, analyte, out var converted, out var problem), problem);
        return converted;
    }

    [Theory]
    [InlineData(1.2, "mg/dL", "umol/L", "creatinine", 106.08)]
    [InlineData(106, "umol/L", "mg/dL", "creatinine", 1.199072)]
    [InlineData(1.0, "mg/dL", "umol/L", "bilirubin", 17.1)]
    [InlineData(3.1, "10*3/uL", "10*9/L", null, 3.1)]
    [InlineData(3.1, "K/uL", "10*9/L", null, 3.1)]
    [InlineData(150000, "/uL", "10*9/L", null, 150)]
    [InlineData(150000, "cells/uL", "10*9/L", null, 150)]
    [InlineData(3.9, "g/dL", "g/L", null, 39)]
    [InlineData(2, "ukat/L", "U/L", null, 120)]
    [InlineData(154, "lb", "kg", null, 69.85322498)]
    [InlineData(0.15, "g", "mg", null, 150)]
    [InlineData(500, "mcg", "mg", null, 0.5)]
    public void Values_convert_by_the_table(decimal value, string unit, string to, string? analyte, decimal expected)
    {
        Assert.Equal(expected, Convert(value, unit, to, analyte));
    }

    [Theory]
    [InlineData("IU/L", "U/L")]
    [InlineData("[IU]/L", "U/L")]
    [InlineData("mEq/L", "mmol/L")]
    [InlineData("µmol/L", "umol/L")]
    [InlineData("msec", "ms")]
    [InlineData("MG", "mg")]
    [InlineData("mL/min/1.73m2", "mL/min/{1.73_m2}")]
    public void Spellings_seen_in_records_normalise_to_ucum(string seen, string ucum)
    {
        Assert.Equal(ucum, Units.Normalise(null, seen));
    }

    [Fact]
    public void A_spelling_is_matched_case_sensitively_first_then_ignoring_case()
    {
        Assert.Equal("10*9/L", Units.Normalise(null, "G/L"));
        Assert.Equal("g/L", Units.Normalise(null, "g/L"));
        Assert.Equal("mg/dL", Units.Normalise(null, "MG/DL"));

        // "G/l" could be either giga-per-litre or grams per litre: not guessed.
        Assert.Null(Units.Normalise(null, "G/l"));
    }

    [Fact]
    public void The_ucum_code_is_preferred_to_the_display_unit()
    {
        Assert.Equal("mg/dL", Units.Normalise("mg/dL", "milligrams per decilitre"));
        Assert.Equal("mg/dL", Units.Normalise("no-such-code", "mg/dL"));
    }

    [Fact]
    public void Creatinine_conversion_is_molar_only_for_creatinine()
    {
        // mg/dL to umol/L depends on the molar mass; there is no general conversion.
        Assert.False(Units.TryConvert(1, "mg/dL", "umol/L", null, out _));
        Assert.False(Units.TryConvert(1, "mg/dL", "umol/L", "sodium", out _));
    }

    [Fact]
    public void An_egfr_in_ml_per_min_is_read_per_1_73_m2_but_a_creatinine_clearance_is_not()
    {
        Assert.Equal(50, Convert(50, "mL/min", "mL/min/{1.73_m2}", "egfr"));
        Assert.False(Units.TryConvert(50, "mL/min", "mL/min/{1.73_m2}", "creatinine", out _));
    }

    [Fact]
    public void Conversions_are_neither_chained_nor_inverted()
    {
        // g/dL -> g/L exists, g/L -> g/dL does not; mcg -> mg exists, mg -> mcg does not.
        Assert.False(Units.TryConvert(39, "g/L", "g/dL", null, out _));
        Assert.False(Units.TryConvert(1, "mg", "ug", null, out _));
    }

    [Fact]
    public void A_unit_outside_the_table_is_unconvertible_and_says_why()
    {
        Assert.False(Units.TryConvert(3.1m, null, "cells/hpf", "10*9/L", null, out _, out var problem));
        Assert.Contains("cells/hpf", problem, StringComparison.Ordinal);
        Assert.Contains("units.yaml", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_test_unit_in_monitoring_yaml_is_a_known_ucum_code()
    {
        foreach (var test in TestKnowledge.Real.Safety.Tests.Values.Where(t => t.Unit is not null))
        {
            Assert.True(Units.IsKnown(test.Unit!), test.Id);
        }
    }
}
