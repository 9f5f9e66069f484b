using System.Collections.Immutable;
using NodaTime;
using Relief.Store.Model;

namespace Relief.Store.Assessment;

/// <summary>Weekly mean diary pain over the last weeks, oldest first (weeks without a rating are left out).</summary>
internal static class PainTrend
{
    public static ImmutableArray<WeeklyPain> Weekly(IReadOnlyList<DiaryEntry> diary, LocalDate asOf, int weeks)
    {
        var end = new DateOnly(asOf.Year, asOf.Month, asOf.Day);
        var monday = end.AddDays(-(((int)end.DayOfWeek + 6) % 7));
        var first = monday.AddDays(-7 * (weeks - 1));
        return [.. diary
            .Where(d => d.Pain is not null)
            .Select(d => (Day: DateOnly.FromDateTime(d.At), Pain: d.Pain!.Value))
            .Where(x => x.Day >= first && x.Day <= end)
            .GroupBy(x => first.AddDays(7 * ((x.Day.DayNumber - first.DayNumber) / 7)))
            .OrderBy(g => g.Key)
            .Select(g => new WeeklyPain(g.Key, Math.Round((decimal)g.Average(x => x.Pain), 1), g.Count()))];
    }
}
