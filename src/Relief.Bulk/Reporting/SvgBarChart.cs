using System.Globalization;
using System.Net;
using System.Text;

namespace Relief.Bulk.Reporting;

/// <summary>
/// A horizontal bar chart as a self-contained SVG: no script, no web font, no external reference, so it renders
/// in a browser, in a Markdown viewer and in a mail client alike, and the same counts always give the same bytes.
/// </summary>
public static class SvgBarChart
{
    private const int LabelWidth = 300;
    private const int BarArea = 360;
    private const int RowHeight = 22;
    private const int Top = 30;

    public static string Render(BarChart chart)
    {
        var max = Math.Max(1, chart.Bars.Count == 0 ? 1 : chart.Bars.Max(b => b.Value));
        var height = Top + (Math.Max(1, chart.Bars.Count) * RowHeight) + 10;
        var width = LabelWidth + BarArea + 90;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Encode(chart.Title)}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(chart.Title)}</title>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">{Encode(chart.Title)}</text>\n");
        if (chart.Bars.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{Top + 14}\">none</text>\n");
        }

        for (var i = 0; i < chart.Bars.Count; i++)
        {
            var bar = chart.Bars[i];
            var y = Top + (i * RowHeight);
            var length = bar.Value == 0 ? 0 : Math.Max(1, (int)Math.Round((double)bar.Value / max * BarArea));
            var label = bar.Label.Length > 45 ? bar.Label[..44] + "…" : bar.Label;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{Encode(label)}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{length}\" height=\"{RowHeight - 6}\" fill=\"{bar.Colour}\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6}\" y=\"{y + 14}\">{bar.Value.ToString("N0", CultureInfo.InvariantCulture)}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
