using System.Text;
using System.Threading.Channels;
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

        // The merge (read, order, parse) feeds three writers on their own threads, each batch to all three in
        // order: NDJSON copies the stored lines, CSV and Parquet encode the parsed rows. Bounded queues keep a
        // few batches in memory at most. Parquet's queue holds a whole row group: its writer encodes a group all
        // at once, and with a short queue the merge, and so the other two writers, waited for every group.
        var ndjson = Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var csv = Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var parquetQueue = ParquetRowWriter.RowGroupSize / RowMerge.BatchRows + 2;
        var parquet = Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(parquetQueue) { SingleReader = true, SingleWriter = true });
        var writers = new[]
        {
            Task.Run(() => WriteNdjsonAsync(path(Rows) + ".tmp", ndjson)),
            Task.Run(() => WriteCsvAsync(path(Csv) + ".tmp", csv)),
            Task.Run(() => WriteParquetAsync(path(Parquet) + ".tmp", parquet)),
        };
        var queues = new[] { ndjson.Writer, csv.Writer, parquet.Writer };
        try
        {
            var failed = false;
            foreach (var batch in RowMerge.MergeBatches(sortedRowFiles))
            {
                foreach (var queue in queues)
                {
                    // A writer that failed has closed its queue: stop merging and let its exception surface below.
                    failed = failed || !await WriteOrStopAsync(queue, batch).ConfigureAwait(false);
                }

                if (failed)
                {
                    break;
                }
            }
        }
        finally
        {
            foreach (var queue in queues)
            {
                queue.TryComplete();
            }
        }

        await Task.WhenAll(writers).ConfigureAwait(false);

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

    private static async ValueTask<bool> WriteOrStopAsync(ChannelWriter<RowBatch> queue, RowBatch batch)
    {
        try
        {
            await queue.WriteAsync(batch).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    private static async Task WriteNdjsonAsync(string file, Channel<RowBatch> queue)
    {
        try
        {
            await using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            await foreach (var batch in queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                stream.Write(batch.Lines.Span);

                // This writer only copies bytes and is idle most of the time: it parses the rows for the CSV and
                // Parquet writers (whichever first asks for a batch's rows waits for the parse, done once), which
                // takes that work off the Parquet writer, the slowest of the three.
                _ = batch.Rows;
            }
        }
        catch (Exception exception)
        {
            queue.Writer.TryComplete(exception);
            throw;
        }
    }

    private static async Task WriteCsvAsync(string file, Channel<RowBatch> queue)
    {
        try
        {
            using var csv = new CsvRowWriter(new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16));
            await foreach (var batch in queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                foreach (var row in batch.Rows)
                {
                    csv.Write(row);
                }
            }
        }
        catch (Exception exception)
        {
            queue.Writer.TryComplete(exception);
            throw;
        }
    }

    private static async Task WriteParquetAsync(string file, Channel<RowBatch> queue)
    {
        try
        {
            await using var stream = new SynchronousWriteStream(new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16));
            await using var parquet = await ParquetRowWriter.CreateAsync(stream).ConfigureAwait(false);
            await foreach (var batch in queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                foreach (var row in batch.Rows)
                {
                    await parquet.WriteAsync(row).ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception)
        {
            queue.Writer.TryComplete(exception);
            throw;
        }
    }

    private static readonly UTF8Encoding Utf8 = new(false);
}
