using System.Text.Json;
using Relief.Core.Codes;

namespace Relief.Fhir.Reading.Elements;

/// <summary>A Quantity's number and unit: the unit as written for people, and its UCUM code when the system is UCUM.</summary>
internal readonly record struct QuantityValue(decimal? Value, string? Unit, string? UnitCode);

internal static class Quantities
{
    public static QuantityValue Read(JsonElement parent, string name, ElementPath parentPath, ReadContext context) =>
        TolerantJson.TryGetObject(parent, name, parentPath, context, out var quantity)
            ? Read(quantity, parentPath.Then(name), context)
            : default;

    public static QuantityValue Read(JsonElement quantity, ElementPath path, ReadContext context)
    {
        var value = TolerantJson.Decimal(quantity, "value"u8, path, context);
        var unit = TolerantJson.String(quantity, "unit"u8, path, context);
        var code = TolerantJson.String(quantity, "code"u8, path, context);

        // Only a UCUM code is a unit Relief can convert; another system's code is kept as display text at most.
        var isUcum = quantity.TryGetProperty("system"u8, out var system) && system.ValueKind == JsonValueKind.String
            && system.ValueEquals(CodeSystems.Ucum);
        return new QuantityValue(value, unit ?? code, isUcum ? code : null);
    }
}
