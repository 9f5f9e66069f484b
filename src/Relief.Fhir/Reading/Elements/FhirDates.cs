using System.Runtime.InteropServices;
using System.Text.Json;
using NodaTime;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// FHIR date, dateTime and instant values as calendar dates. A partial date (<c>2019</c>, <c>2019-04</c>)
/// stands for its earliest day, so a fact known only to the year still sorts and compares; a dateTime
/// keeps the date as written, in the sender's own offset, because that is the clinical day it happened.
/// </summary>
internal static class FhirDates
{
    /// <summary>Reads a date, dateTime or instant element; a bad value is warned about and read as null.</summary>
    public static LocalDate? DateTime(JsonElement parent, ReadOnlySpan<byte> name, ElementPath parentPath, ReadContext context) =>
        parent.TryGetProperty(name, out var element) ? Parse(element, parentPath, name, dateOnly: false, context) : null;

    /// <summary>Reads a FHIR <c>date</c> (birthDate); a time part there is a defect, warned about, and its date read.</summary>
    public static LocalDate? Date(JsonElement parent, ReadOnlySpan<byte> name, ElementPath parentPath, ReadContext context) =>
        parent.TryGetProperty(name, out var element) ? Parse(element, parentPath, name, dateOnly: true, context) : null;

    /// <summary>The start of a Period-valued element.</summary>
    public static LocalDate? PeriodStart(JsonElement parent, string name, ElementPath parentPath, ReadContext context) =>
        TolerantJson.TryGetObject(parent, name, parentPath, context, out var period)
            ? DateTime(period, "start"u8, parentPath.Then(name), context)
            : null;

    /// <summary>The end of a Period-valued element.</summary>
    public static LocalDate? PeriodEnd(JsonElement parent, string name, ElementPath parentPath, ReadContext context) =>
        TolerantJson.TryGetObject(parent, name, parentPath, context, out var period)
            ? DateTime(period, "end"u8, parentPath.Then(name), context)
            : null;

    private static LocalDate? Parse(JsonElement element, ElementPath parentPath, ReadOnlySpan<byte> name, bool dateOnly, ReadContext context)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            if (element.ValueKind != JsonValueKind.Null)
            {
                var at = parentPath.Child(name);
                context.Warn(at, $"{at} should be a date string, found {TolerantJson.Describe(element)}; ignored");
            }

            return null;
        }

        // The raw bytes between the quotes: dates have no escapes, and this reads a 4 MB bundle's
        // thousands of dates without a string each. An escaped value falls back to the decoded text.
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var text = raw.Length >= 2 ? raw[1..^1] : raw;
        var shape = text.Contains((byte)'\\')
            ? Classify(System.Text.Encoding.UTF8.GetBytes(element.GetString() ?? ""), out var date)
            : Classify(text, out date);

        if (shape == Shape.Date || (shape == Shape.DateTime && !dateOnly))
        {
            return date;
        }

        var path = parentPath.Child(name);
        if (shape == Shape.DateTime)
        {
            context.Warn(path, $"{path} should be a date (FHIR R4), found the dateTime \"{element.GetString()}\"; read its date");
            return date;
        }

        if (shape == Shape.DateTimeWithoutZone)
        {
            context.Warn(path, $"{path} \"{element.GetString()}\" has a time but no time zone (FHIR R4 requires one); read its date");
            return date;
        }

        context.Warn(path, $"{path} \"{element.GetString()}\" is not a FHIR date; ignored");
        return null;
    }

    private enum Shape
    {
        Invalid,
        Date,
        DateTime,
        DateTimeWithoutZone,
    }

    /// <summary>
    /// YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by Thh:mm[:ss[.fff]] and Z or ±hh:mm.
    /// </summary>
    private static Shape Classify(ReadOnlySpan<byte> text, out LocalDate date)
    {
        date = default;
        if (text.Length < 4 || !TryDigits(text[..4], out var year) || year == 0)
        {
            return Shape.Invalid;
        }

        int month = 1, day = 1;
        var rest = text[4..];
        if (rest.Length > 0)
        {
            if (rest.Length < 3 || rest[0] != '-' || !TryDigits(rest.Slice(1, 2), out month) || month is < 1 or > 12)
            {
                return Shape.Invalid;
            }

            rest = rest[3..];
            if (rest.Length > 0)
            {
                if (rest.Length < 3 || rest[0] != '-' || !TryDigits(rest.Slice(1, 2), out day)
                    || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
                {
                    return Shape.Invalid;
                }

                rest = rest[3..];
            }
        }

        date = new LocalDate(year, month, day);
        if (rest.Length == 0)
        {
            return Shape.Date;
        }

        // A time needs a full date before it.
        return text.Length >= 10 && text.Length - rest.Length == 10 ? ClassifyTime(rest) : Shape.Invalid;
    }

    private static Shape ClassifyTime(ReadOnlySpan<byte> rest)
    {
        // Thh:mm
        if (rest.Length < 6 || rest[0] != 'T' || !TryDigits(rest.Slice(1, 2), out var hour) || hour > 23
            || rest[3] != ':' || !TryDigits(rest.Slice(4, 2), out var minute) || minute > 59)
        {
            return Shape.Invalid;
        }

        rest = rest[6..];
        if (rest.Length >= 3 && rest[0] == ':')
        {
            if (!TryDigits(rest.Slice(1, 2), out var second) || second > 60)
            {
                return Shape.Invalid;
            }

            rest = rest[3..];
            if (rest.Length > 0 && rest[0] == '.')
            {
                var digits = 1;
                while (digits < rest.Length && char.IsAsciiDigit((char)rest[digits]))
                {
                    digits++;
                }

                if (digits == 1)
                {
                    return Shape.Invalid;
                }

                rest = rest[digits..];
            }
        }

        if (rest.Length == 0)
        {
            return Shape.DateTimeWithoutZone;
        }

        if (rest.Length == 1 && rest[0] == 'Z')
        {
            return Shape.DateTime;
        }

        return rest.Length == 6 && (rest[0] == '+' || rest[0] == '-') && TryDigits(rest.Slice(1, 2), out var offsetHours)
            && offsetHours <= 14 && rest[3] == ':' && TryDigits(rest.Slice(4, 2), out var offsetMinutes) && offsetMinutes <= 59
            ? Shape.DateTime
            : Shape.Invalid;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
