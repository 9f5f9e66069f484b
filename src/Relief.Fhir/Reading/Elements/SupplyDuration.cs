using System.Text.Json;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// dispenseRequest.expectedSupplyDuration in days. The UCUM code decides (a = 365 d, mo = 30 d, wk = 7 d, h, min,
/// s as fractions of a day: the conversions of the reference opioid CDS, opioid-cds-r4 GetDurationInDays); a
/// Duration with only a unit word ("days", "weeks") is read by that word. Anything else is warned about and unknown.
/// </summary>
internal static class SupplyDuration
{
    public static decimal? Days(JsonElement dispense, ReadContext context)
    {
        const string path = "dispenseRequest.expectedSupplyDuration";
        if (!TolerantJson.TryGetObject(dispense, "expectedSupplyDuration"u8, "dispenseRequest", context, out var duration))
        {
            return null;
        }

        var value = TolerantJson.Decimal(duration, "value"u8, path, context);
        var unit = TolerantJson.String(duration, "code"u8, path, context) ?? TolerantJson.String(duration, "unit"u8, path, context);
        if (value is null)
        {
            return null;
        }

        decimal? perUnit = unit?.Trim().ToLowerInvariant() switch
        {
            "a" or "year" or "years" => 365m,
            "mo" or "month" or "months" => 30m,
            "wk" or "week" or "weeks" => 7m,
            "d" or "day" or "days" => 1m,
            "h" or "hour" or "hours" => 1m / 24,
            "min" or "minute" or "minutes" => 1m / 1440,
            "s" or "second" or "seconds" => 1m / 86400,
            _ => null,
        };
        if (perUnit is null)
        {
            context.Warn(path, $"expectedSupplyDuration unit '{unit}' is not a time unit (a, mo, wk, d, h, min, s); days' supply unknown");
            return null;
        }

        return Math.Round(value.Value * perUnit.Value, 6);
    }
}
