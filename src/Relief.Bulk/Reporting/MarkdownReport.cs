using System.Text;

namespace Relief.Bulk.Reporting;

/// <summary>summary.md: GitHub-flavoured Markdown; each chart is an SVG file in charts/ beside it.</summary>
public static class MarkdownReport
{
    public static string Render(IReadOnlyList<ReportBlock> blocks)
    {
        var text = new StringBuilder();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading heading:
                    text.Append('#', heading.Level).Append(' ').Append(heading.Text).Append("\n\n");
                    break;
                case Paragraph paragraph:
                    text.Append(paragraph.Text).Append("\n\n");
                    break;
                case BarChart chart:
                    text.Append("![").Append(chart.Title).Append("](charts/").Append(chart.Name).Append(".svg)\n\n");
                    break;
                case Table table:
                    text.Append("| ").Append(string.Join(" | ", table.Headers.Select(Cell))).Append(" |\n|");
                    for (var c = 0; c < table.Headers.Count; c++)
                    {
                        text.Append(table.NumericColumns.Contains(c) ? " ---: |" : " --- |");
                    }

                    text.Append('\n');
                    foreach (var row in table.Rows)
                    {
                        text.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
                    }

                    text.Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
