using NodaTime;
using NodaTime.Text;

namespace Relief.Cli.Commands;

/// <summary>A yyyy-MM-dd option value (absent: today, UTC); a bad value is one line on the error output.</summary>
internal static class DateOption
{
    public static bool TryParse(string? text, string option, TextWriter error, out LocalDate date)
    {
        if (text is null)
        {
            date = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
            return true;
        }

        if (LocalDatePattern.Iso.Parse(text) is { Success: true } parsed)
        {
            date = parsed.Value;
            return true;
        }

        error.WriteLine($"relief: {option} '{text}' is not a date (expected yyyy-MM-dd)");
        date = default;
        return false;
    }
}
