using System.Globalization;

namespace Relief.Core.Knowledge.Safety;

/// <summary>A number with its UCUM unit: a dose limit (400 mg) or a threshold value.</summary>
public sealed record Quantity(decimal Value, string Unit)
{
    public override string ToString() => $"{Value.ToString("0.###", CultureInfo.InvariantCulture)} {Unit}";
}
