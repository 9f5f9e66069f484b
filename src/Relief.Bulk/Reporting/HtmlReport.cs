using System.Net;
using System.Text;

namespace Relief.Bulk.Reporting;

/// <summary>summary.html: one self-contained page — styles inline, charts as inline SVG, no script, no CDN.</summary>
public static class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
        table{border-collapse:collapse;margin:0.5em 0 1.5em}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
        th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1em 0}
        """;

    public static string Render(IReadOnlyList<ReportBlock> blocks)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Relief population screen</title>\n<style>\n")
            .Append(Style).Append("</style>\n</head>\n<body>\n");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading heading:
                    html.Append("<h").Append(heading.Level).Append('>').Append(E(heading.Text)).Append("</h").Append(heading.Level).Append(">\n");
                    break;
                case Paragraph paragraph:
                    html.Append("<p>").Append(Bold(E(paragraph.Text))).Append("</p>\n");
                    break;
                case BarChart chart:
                    html.Append("<figure>\n").Append(SvgBarChart.Render(chart)).Append("</figure>\n");
                    break;
                case Table table:
                    html.Append("<table>\n<tr>");
                    foreach (var header in table.Headers)
                    {
                        html.Append("<th>").Append(E(header)).Append("</th>");
                    }

                    html.Append("</tr>\n");
                    foreach (var row in table.Rows)
                    {
                        html.Append("<tr>");
                        for (var c = 0; c < row.Count; c++)
                        {
                            html.Append(table.NumericColumns.Contains(c) ? "<td class=\"n\">" : "<td>").Append(E(row[c])).Append("</td>");
                        }

                        html.Append("</tr>\n");
                    }

                    html.Append("</table>\n");
                    break;
            }
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The one Markdown emphasis the report uses (**…**), as &lt;strong&gt;.</summary>
    private static string Bold(string text)
    {
        var parts = text.Split("**");
        var html = new StringBuilder(parts[0]);
        for (var i = 1; i < parts.Length; i++)
        {
            html.Append(i % 2 == 1 ? "<strong>" : "</strong>").Append(parts[i]);
        }

        return html.ToString();
    }
}
