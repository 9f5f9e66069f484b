using System.Text;
using Relief.Bulk.Reporting;
using Relief.Bulk.Screening;
using Relief.Bulk.Summary;

namespace Relief.Bulk.Output;

/// <summary>
/// The files a screen leaves in its output directory, all written in one pass over the merged rows:
/// findings.ndjson, findings.csv, findings.parquet; summary.json (the counts, which shard outputs merge by),
/// summary.md with charts/*.svg, and summary.html. Each is written beside its name and renamed into place.
/// </summary>
public static class ScreenOutputs
{
    public const string Rows = "findings.ndjson";
    public const string Csv = "findings.csv";
    public const string Parquet = "findings.parquet";
    public const string SummaryJson = "summary.json";
    public const string SummaryMarkdown = "summary.md";
    public const string SummaryHtml = "summary.html";

    public static void Write(string outDirectory, IReadOnlyList<string> sortedRowFiles, ScreenSummary summary) =>
        WriteAsync(outDirectory, sortedRowFiles, summary).GetAwaiter().GetResult();

    private static async Task WriteAsync(string outDirectory, IReadOnlyList<string> sortedRowFiles, ScreenSummary summary)
    {
        Directory.CreateDirectory(outDirectory);
        var path = (string name) => Path.Combine(outDirectory, name);
        {
            await using var ndjson = new FileStream(path(Rows) + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            using var csv = new CsvRowWriter(new FileStream(path(Csv) + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16));
            await using var parquetFile = new FileStream(path(Parquet) + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            await using var parquet = await ParquetRowWriter.CreateAsync(parquetFile).ConfigureAwait(false);
            foreach (var row in RowMerge.Merge(sortedRowFiles))
            {
                RowNdjson.Write(ndjson, row);
                csv.Write(row);
                await parquet.WriteAsync(row).ConfigureAwait(false);
            }
        }

        foreach (var name in new[] { Rows, Csv, Parquet })
        {
            File.Move(path(name) + ".tmp", path(name), overwrite: true);
        }

        var blocks = SummaryReport.Build(summary);
        var charts = Path.Combine(outDirectory, "charts");
        Directory.CreateDirectory(charts);
        foreach (var chart in blocks.OfType<BarChart>())
        {
            ScreenRun.Commit(Path.Combine(charts, chart.Name + ".svg"), p => File.WriteAllText(p, SvgBarChart.Render(chart), Utf8));
        }

        ScreenRun.Commit(path(SummaryMarkdown), p => File.WriteAllText(p, MarkdownReport.Render(blocks), Utf8));
        ScreenRun.Commit(path(SummaryHtml), p => File.WriteAllText(p, HtmlReport.Render(blocks), Utf8));
        ScreenRun.Commit(path(SummaryJson), p => SummaryJsonContext.Write(summary, p));
    }

    private static readonly UTF8Encoding Utf8 = new(false);
}
