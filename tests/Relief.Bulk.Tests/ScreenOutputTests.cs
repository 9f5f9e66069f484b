using Relief.Bulk.Output;
using Relief.Bulk.Tests.Support;
using Relief.Core.Assessment;

namespace Relief.Bulk.Tests;

/// <summary>The three row files hold the same rows; the reports are self-contained and carry the disclaimer.</summary>
public sealed class ScreenOutputTests(SampleExport export) : IClassFixture<SampleExport>
{
    [Fact]
    public void Parquet_and_csv_hold_the_ndjson_rows_in_the_same_order()
    {
        var rows = RowNdjson.ReadAll(export.BaselineRows).ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Select(r => r.Patient).Order(StringComparer.Ordinal), rows.Select(r => r.Patient));

        Assert.Equal(rows, ParquetRows.Read(Path.Combine(export.Baseline, ScreenOutputs.Parquet)));

        var csv = File.ReadAllLines(Path.Combine(export.Baseline, ScreenOutputs.Csv));
        Assert.Equal(rows.Count + 1, csv.Length);
        Assert.Equal(string.Join(',', Screening.FindingRow.Columns), csv[0]);
        Assert.All(rows.Zip(csv.Skip(1)), pair => Assert.StartsWith($"{pair.First.Patient},{pair.First.Finding},{pair.First.Family},{pair.First.Severity},", pair.Second));
    }

    [Fact]
    public void The_html_report_is_one_self_contained_page_with_inline_svg_charts_and_the_disclaimer()
    {
        var html = File.ReadAllText(Path.Combine(export.Baseline, ScreenOutputs.SummaryHtml));

        Assert.Contains(System.Net.WebUtility.HtmlEncode(PatientAssessment.Disclaimer), html);
        Assert.Equal(4, html.Split("<svg ").Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_markdown_report_counts_match_the_rows()
    {
        var rows = RowNdjson.ReadAll(export.BaselineRows).ToList();
        var markdown = File.ReadAllText(Path.Combine(export.Baseline, ScreenOutputs.SummaryMarkdown));

        Assert.Contains(PatientAssessment.Disclaimer, markdown);
        Assert.Contains($"| Findings (rows) | {rows.Count:N0} |", markdown);
        Assert.Contains($"| Patients screened | {export.Export.LinesByType["Patient"].Count} |", markdown);
        var top = rows.GroupBy(r => r.Finding).OrderByDescending(g => g.Select(r => r.Patient).Distinct().Count()).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        Assert.Contains($"| {top.Key} | {top.First().Family} |", markdown);
        foreach (var chart in new[] { "severity", "top-findings", "drugs", "age-bands" })
        {
            Assert.Contains($"(charts/{chart}.svg)", markdown);
            Assert.True(File.Exists(Path.Combine(export.Baseline, "charts", chart + ".svg")));
        }
    }
}
