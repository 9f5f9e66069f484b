using System.Globalization;
using System.Text.Json;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// Reads elements in the JSON shape FHIR R4 gives them, and reads past the shape defects real senders
/// make (an object where an array belongs, a decimal sent as a string...) with a warning for each, so one
/// misshapen element costs that element's precision, never the patient's record.
/// </summary>
internal static class TolerantJson
{
    /// <summary>As the UTF-8 overload, for callers that also need the name as text for a lazy path.</summary>
    public static bool TryGetObject(JsonElement parent, string name, ElementPath parentPath, ReadContext context, out JsonElement value)
    {
        Span<byte> utf8 = stackalloc byte[64];
        var length = System.Text.Encoding.UTF8.GetBytes(name, utf8);
        return TryGetObject(parent, utf8[..length], parentPath, context, out value);
    }

    /// <summary>An object-valued element; an array holding objects is read as its first item, with a warning.</summary>
    public static bool TryGetObject(JsonElement parent, ReadOnlySpan<byte> name, ElementPath parentPath, ReadContext context, out JsonElement value)
    {
        value = default;
        if (!parent.TryGetProperty(name, out var element))
        {
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                value = element;
                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        context.Warn(parentPath.Child(name), $"{parentPath.Child(name)} should be an object (FHIR R4), found an array; read its first element");
                        value = item;
                        return true;
                    }
                }

                break;
        }

        WarnIgnored(parentPath, name, "an object", element, context);
        return false;
    }

    /// <summary>The items of an array-valued element; a single object is read as one item, with a warning.</summary>
    public static ElementList Array(JsonElement parent, ReadOnlySpan<byte> name, ElementPath parentPath, ReadContext context)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            return ElementList.Empty;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                return ElementList.Of(element);
            case JsonValueKind.Object:
                var path = parentPath.Child(name);
                context.Warn(path, $"{path} should be an array (FHIR R4); read as one element");
                return ElementList.Of(element);
            default:
                WarnIgnored(parentPath, name, "an array", element, context);
                return ElementList.Empty;
        }
    }

    /// <summary>True for an array item that is an object; warns about any other item, which is then skipped.</summary>
    public static bool IsObjectItem(JsonElement item, ElementPath parentPath, ReadOnlySpan<byte> name, int index, ReadContext context)
    {
        if (item.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        var path = $"{parentPath.Child(name)}[{index}]";
        context.Warn(path, $"{path} should be an object, found {Describe(item)}; ignored");
        return false;
    }

    public static string? String(JsonElement parent, ReadOnlySpan<byte> name, ElementPath parentPath, ReadContext context) =>
        parent.TryGetProperty(name, out var element) ? StringValue(element, parentPath, name, context) : null;

    public static string? StringValue(JsonElement element, ElementPath parentPath, ReadOnlySpan<byte> name, ReadContext context)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = RepeatedStrings.Of(element);
                if (string.IsNullOrEmpty(text))
                {
                    var path = parentPath.Child(name);
                    context.Warn(path, $"{path} is an empty string (FHIR R4 forbids it); ignored");
                    return null;
                }

                return text;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                var raw = element.GetRawText();
                var at = parentPath.Child(name);
                context.Warn(at, $"{at} should be a string, found {Describe(element)}; read {raw} as text");
                return raw;
            default:
                WarnIgnored(parentPath, name, "a string", element, context);
                return null;
        }
    }

    public static decimal? Decimal(JsonElement parent, ReadOnlySpan<byte> name, ElementPath parentPath, ReadContext context)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                if (element.TryGetDecimal(out var number))
                {
                    return number;
                }

                var path = parentPath.Child(name);
                context.Warn(path, $"{path} {element.GetRawText()} is out of the decimal range; ignored");
                return null;
            case JsonValueKind.String:
                return NumberFromString(element, parentPath, name, context);
            default:
                WarnIgnored(parentPath, name, "a number", element, context);
                return null;
        }
    }

    public static int? Integer(JsonElement parent, ReadOnlySpan<byte> name, ElementPath parentPath, ReadContext context)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetInt32(out var integer):
                return integer;
            case JsonValueKind.Number when element.TryGetDecimal(out var whole) && IsInt32(whole):
                // 2.0 for a frequency: the value is plain, only its spelling is wrong.
                var path = parentPath.Child(name);
                context.Warn(path, $"{path} should be an integer, found {element.GetRawText()}; read as {(int)whole}");
                return (int)whole;
            case JsonValueKind.String:
                // NumberFromString has warned either way; a fraction is one more defect.
                var number = NumberFromString(element, parentPath, name, context);
                if (number is { } value && !IsInt32(value))
                {
                    var at = parentPath.Child(name);
                    context.Warn(at, $"{at} should be an integer, found {value}; ignored");
                    return null;
                }

                return (int?)number;
            default:
                WarnIgnored(parentPath, name, "an integer", element, context);
                return null;
        }
    }

    private static bool IsInt32(decimal value) => value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue;

    public static bool? Boolean(JsonElement parent, ReadOnlySpan<byte> name, ElementPath parentPath, ReadContext context)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when element.ValueEquals("true"u8) || element.ValueEquals("false"u8):
                var path = parentPath.Child(name);
                context.Warn(path, $"{path} should be a JSON boolean, found a string; read as one");
                return element.ValueEquals("true"u8);
            default:
                WarnIgnored(parentPath, name, "a boolean", element, context);
                return null;
        }
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static decimal? NumberFromString(JsonElement element, ElementPath parentPath, ReadOnlySpan<byte> name, ReadContext context)
    {
        var path = parentPath.Child(name);
        var text = element.GetString();
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
        {
            context.Warn(path, $"{path} should be a JSON number, found the string \"{text}\"; read as a number");
            return number;
        }

        context.Warn(path, $"{path} should be a number, found the string \"{text}\"; ignored");
        return null;
    }

    private static void WarnIgnored(ElementPath parentPath, ReadOnlySpan<byte> name, string expected, JsonElement found, ReadContext context)
    {
        var path = parentPath.Child(name);
        context.Warn(path, $"{path} should be {expected}, found {Describe(found)}; ignored");
    }
}
