using NodaTime;

namespace Relief.Core.Opioids;

/// <summary>
/// Days on opioids within a window, as the reference opioid CDS counts them ("Days on Opioids during Period"): the
/// orders' periods (day written to day written + days' supply) are merged where they overlap or meet, each merged
/// period is cut to the window, and each piece counts the days between its first and last day. So a supply that
/// runs from the 23rd to the 30th counts 7 days, and one that only touches the window's first day counts none.
/// </summary>
internal static class OpioidDays
{
    public static int During(IEnumerable<(LocalDate Start, LocalDate End)> periods, LocalDate from, LocalDate to)
    {
        var merged = new List<(LocalDate Start, LocalDate End)>();
        foreach (var (start, end) in periods.Where(p => p.End >= p.Start).OrderBy(p => p.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End.PlusDays(1))
            {
                var last = merged[^1];
                merged[^1] = (last.Start, end > last.End ? end : last.End);
            }
            else
            {
                merged.Add((start, end));
            }
        }

        var days = 0;
        foreach (var (start, end) in merged)
        {
            var first = start > from ? start : from;
            var last = end < to ? end : to;
            if (last >= first)
            {
                days += Period.Between(first, last, PeriodUnits.Days).Days;
            }
        }

        return days;
    }
}
