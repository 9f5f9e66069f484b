using Relief.Reports.Timeline;
using ScottPlot;

namespace Relief.Reports.VisitSummary;

/// <summary>A score series as a PNG (ScottPlot), with medication starts and stops as labelled vertical lines.</summary>
public static class ChartImages
{
    public static byte[] Png(TimeSeriesChart chart, int width = 900, int height = 300)
    {
        var plot = new Plot();
        var xs = chart.Points.Select(p => p.Date.ToDateTimeUnspecified().ToOADate()).ToArray();
        var ys = chart.Points.Select(p => (double)p.Value).ToArray();
        var line = plot.Add.Scatter(xs, ys);
        line.LineWidth = 2;
        line.MarkerSize = 5;
        plot.Axes.DateTimeTicksBottom();
        plot.Title(chart.Title);
        if (chart.Min is { } min && chart.Max is { } max)
        {
            plot.Axes.SetLimitsY((double)min, (double)max);
        }

        foreach (var marker in chart.Markers)
        {
            var v = plot.Add.VerticalLine(marker.Date.ToDateTimeUnspecified().ToOADate());
            v.LinePattern = LinePattern.Dashed;
            v.Text = marker.Label;
            v.LabelOppositeAxis = false;
        }

        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
