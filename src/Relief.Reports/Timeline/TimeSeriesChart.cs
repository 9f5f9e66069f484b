using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace Relief.Reports.Timeline;

/// <summary>One value on one day (a pain score, a lab result).</summary>
public sealed record ChartPoint(LocalDate Date, decimal Value, string ResourceId);

/// <summary>A medication event drawn as a vertical line over the series: a start, a dose change, a stop.</summary>
public sealed record ChartMarker(LocalDate Date, string Label);

/// <summary>
/// A series over time with the medication events that may explain it. The page draws it with uPlot from
/// <see cref="ToJson"/> (a data attribute: no inline script) and always carries the same values as a table,
/// so nothing depends on the chart being seen.
/// </summary>
public sealed record TimeSeriesChart(
    string Id,
    string Title,
    string Unit,
    IReadOnlyList<ChartPoint> Points,
    IReadOnlyList<ChartMarker> Markers)
{
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    /// <summary>The lower or upper limit drawn as a horizontal line (reference range or instrument bound).</summary>
    public decimal? ReferenceLow { get; init; }

    public decimal? ReferenceHigh { get; init; }

    /// <summary>
    /// Days on which nothing was recorded. They go into the chart as empty values (null), so the line breaks there
    /// instead of joining the days either side as if the values in between were known.
    /// </summary>
    public IReadOnlyList<LocalDate> Gaps { get; init; } = [];

    /// <summary>The chart's data for charts.js, by date (uPlot needs its x values in order; the sort is stable).</summary>
    public string ToJson() => Json([.. Points.Select(p => (p.Date, Value: (decimal?)p.Value)).Concat(Gaps.Select(d => (Date: d, Value: (decimal?)null))).OrderBy(r => r.Date)]);

    private string Json(List<(LocalDate Date, decimal? Value)> rows) => JsonSerializer.Serialize(new
    {
        title = Title,
        unit = Unit,
        x = rows.Select(r => Seconds(r.Date)),
        y = rows.Select(r => r.Value),
        min = Min,
        max = Max,
        low = ReferenceLow,
        high = ReferenceHigh,
        markers = Markers.Select(m => new { x = Seconds(m.Date), label = m.Label }),
    });

    public static string Day(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static long Seconds(LocalDate date) => date.AtMidnight().InUtc().ToInstant().ToUnixTimeSeconds();
}
