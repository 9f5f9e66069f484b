using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;
using Relief.Bulk.Input;
using Relief.Bulk.Screening;
using Relief.Bulk.Summary;

namespace Relief.Bulk.Grouping;

/// <summary>
/// The first pass: reads every line of every input once, learns which patient it is about, and appends it to
/// the spill partition that patient's hash selects. Reader threads (one file each at a time) read and decompress,
/// cutting the input into blocks of whole lines; workers scan the blocks on all cores. Memory stays bounded whatever the population:
/// a few blocks in flight, one batch buffer per worker and partition, and the Medication catalogue.
/// </summary>
internal sealed class ExportSplitter(SplitSettings settings, ScreenProgress progress)
{
    private const int BlockSize = 1 << 20;

    public sealed record Outcome(ScreenSummary Summary, MedicationCatalog Medications);

    /// <summary>Each input's index among the input names in ordinal order: what a spilled line's origin names (<see cref="LineOrigin"/>).</summary>
    public static int[] OriginIndexes(IReadOnlyList<LineSource> sources)
    {
        var names = sources.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        return [.. sources.Select(s => names.IndexOf(s.Name))];
    }

    public Outcome Run(IReadOnlyList<LineSource> sources, CancellationToken cancellation)
    {
        progress.StoredBytesTotal = sources.All(s => s.StoredLength is not null) ? sources.Sum(s => s.StoredLength!.Value) : null;
        var blocks = Channel.CreateBounded<LineBlock>(new BoundedChannelOptions(settings.Threads * 2) { SingleWriter = true });
        var medications = new MedicationCatalog();
        var readProblems = new ScreenSummary();
        using var spill = new SpillFiles(settings.SpillDirectory, settings.Partitions);

        // Each worker batches per partition; the batch size keeps all batches together within ~32 MB.
        var batchBytes = Math.Clamp((32 << 20) / (settings.Partitions * settings.Threads), 16 << 10, 1 << 20);
        var originIndexes = OriginIndexes(sources);
        var workers = Enumerable.Range(0, settings.Threads)
            .Select(_ => Task.Run(() => Work(blocks.Reader, sources, originIndexes, spill, medications, batchBytes, cancellation), cancellation))
            .ToArray();

        // A worker that fails (a bug) closes the channel, so the reading thread stops instead of waiting for room forever.
        foreach (var worker in workers)
        {
            worker.ContinueWith(t => blocks.Writer.TryComplete(t.Exception), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        // Files are read (and gzip decoded) on up to one thread per worker, each file by one reader so its blocks
        // carry the right line numbers; a file's read problems are kept by file, so their order does not depend on timing.
        var problemsByFile = sources.Select(_ => new ScreenSummary()).ToArray();
        var nextSource = -1;
        var readers = Enumerable.Range(0, Math.Clamp(settings.Threads, 1, Math.Max(1, sources.Count)))
            .Select(_ => Task.Factory.StartNew(
                () =>
                {
                    for (var index = Interlocked.Increment(ref nextSource); index < sources.Count; index = Interlocked.Increment(ref nextSource))
                    {
                        Read(sources, index, blocks.Writer, problemsByFile[index], cancellation);
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToArray();
        try
        {
            Task.WaitAll(readers);
        }
        catch (AggregateException failure)
        {
            ExceptionDispatchInfo.Throw(failure.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? failure.InnerExceptions[0]);
        }
        finally
        {
            blocks.Writer.TryComplete();
        }

        foreach (var problems in problemsByFile)
        {
            readProblems.Add(problems);
        }

        var summary = new ScreenSummary();
        foreach (var worker in workers)
        {
            summary.Add(worker.GetAwaiter().GetResult());
        }

        summary.Add(readProblems);
        return new Outcome(summary, medications);
    }

    /// <summary>A reading thread's work on one source: its lines cut into blocks that end on a newline.</summary>
    private void Read(IReadOnlyList<LineSource> sources, int index, ChannelWriter<LineBlock> blocks, ScreenSummary problems, CancellationToken cancellation)
    {
        var source = sources[index];
        long line = 1;
        try
        {
            var (stream, stored) = source.Open();
            using (stream)
            {
                var reported = 0L;
                var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
                var filled = 0;
                while (true)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (filled == buffer.Length)
                    {
                        var end = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n');
                        if (end < 0)
                        {
                            // A line longer than the block: grow until it fits.
                            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            buffer.AsSpan(0, filled).CopyTo(larger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }
                        else
                        {
                            // Hand on the whole lines; the tail of a line starts the next block.
                            var rest = filled - end - 1;
                            var next = ArrayPool<byte>.Shared.Rent(Math.Max(BlockSize, rest * 2));
                            buffer.AsSpan(end + 1, rest).CopyTo(next);
                            var lines = buffer.AsSpan(0, end + 1).Count((byte)'\n');
                            Post(blocks, new LineBlock(buffer, end + 1, index, line), cancellation);
                            line += lines;
                            buffer = next;
                            filled = rest;
                        }
                    }

                    var read = stream.Read(buffer, filled, buffer.Length - filled);
                    var storedNow = stored.BytesRead;
                    progress.AddStoredBytes(storedNow - reported);
                    reported = storedNow;
                    if (read == 0)
                    {
                        if (filled > 0)
                        {
                            Post(blocks, new LineBlock(buffer, filled, index, line), cancellation);
                        }
                        else
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                        }

                        break;
                    }

                    filled += read;
                    progress.AddLineBytes(read);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException or HttpRequestException)
        {
            // A truncated gzip, a vanished file, a server that hung up: report where, go on with the next file.
            problems.AddBadLine(new BadLine(source.Name, line, $"cannot read on from here: {exception.Message}"));
        }
    }

    private static void Post(ChannelWriter<LineBlock> blocks, LineBlock block, CancellationToken cancellation)
    {
        while (!blocks.TryWrite(block))
        {
            if (!blocks.WaitToWriteAsync(cancellation).AsTask().GetAwaiter().GetResult())
            {
                block.Return();
                return;
            }
        }
    }

    private ScreenSummary Work(
        ChannelReader<LineBlock> blocks, IReadOnlyList<LineSource> sources, int[] originIndexes, SpillFiles spill, MedicationCatalog medications, int batchBytes,
        CancellationToken cancellation)
    {
        var summary = new ScreenSummary();
        var batches = new ArrayBufferWriter<byte>?[spill.Count];
        while (blocks.WaitToReadAsync(cancellation).AsTask().GetAwaiter().GetResult())
        {
            while (blocks.TryRead(out var block))
            {
                var source = sources[block.FileIndex];
                var data = block.Buffer.AsSpan(0, block.Length);
                var line = block.FirstLine;
                while (data.Length > 0)
                {
                    var newline = data.IndexOf((byte)'\n');
                    var text = newline < 0 ? data : data[..newline];
                    data = newline < 0 ? [] : data[(newline + 1)..];
                    if (text.Length > 0 && text[^1] == (byte)'\r')
                    {
                        text = text[..^1];
                    }

                    var origin = new LineOrigin(originIndexes[block.FileIndex], line);
                    if (source.PatientBundles)
                    {
                        RouteBundle(text, source.Name, origin, spill, batches, batchBytes, medications, summary);
                    }
                    else
                    {
                        // A shard that does not count this line may stop scanning it once it is known to be another shard's.
                        // A line about a patient is read only up to the patient: the second pass parses it whole
                        // and reports it, with this origin, if the rest is malformed (DeferredLineCheck).
                        var onlyShard = settings.Shard.Count > 1 && !settings.Shard.ReportsLine(source.Name, line) ? settings.Shard : (ShardSpec?)null;
                        Route(text, LineScanner.Scan(text, onlyShard, ScanMode.PatientOnly), source.Name, origin, spill, batches, batchBytes, medications, summary);
                    }

                    line++;
                }

                block.Return();
            }
        }

        for (var p = 0; p < batches.Length; p++)
        {
            if (batches[p] is { WrittenCount: > 0 } batch)
            {
                spill.Append(p, batch.WrittenSpan);
            }
        }

        return summary;
    }

    private void Route(
        ReadOnlySpan<byte> text, LineKey key, string file, LineOrigin origin, SpillFiles spill, ArrayBufferWriter<byte>?[] batches, int batchBytes,
        MedicationCatalog medications, ScreenSummary summary)
    {
        var line = origin.Line;
        switch (key.Kind)
        {
            case LineKind.Blank or LineKind.OtherShard:
                return;
            case LineKind.PatientResource:
                var hash = PatientHash.Of(key.Key!);
                if (!settings.Shard.Contains(hash))
                {
                    return;
                }

                var partition = PatientHash.Partition(hash, spill.Count);
                var batch = batches[partition] ??= new ArrayBufferWriter<byte>(batchBytes + 4096);
                SpillRecord.Write(batch, key.Key!, origin, text);
                if (batch.WrittenCount >= batchBytes)
                {
                    spill.Append(partition, batch.WrittenSpan);
                    batch.ResetWrittenCount();
                }

                summary.Lines++;
                ScreenSummary.Increment(summary.Resources, key.ResourceType!);
                return;
            case LineKind.Medication:
                // Every shard needs every Medication; one shard counts it.
                medications.Add(key.Key!, text);
                if (settings.Shard.ReportsLine(file, line))
                {
                    summary.Lines++;
                    ScreenSummary.Increment(summary.Resources, key.ResourceType!);
                }

                return;
            case LineKind.Ignored when settings.Shard.ReportsLine(file, line):
                summary.Lines++;
                ScreenSummary.Increment(summary.Ignored, key.ResourceType!);
                return;
            case LineKind.Bad when settings.Shard.ReportsLine(file, line):
                summary.Lines++;
                summary.AddBadLine(new BadLine(file, line, key.Problem!));
                return;
        }
    }

    /// <summary>
    /// A patient-grouped line (<c>--stdin</c>): a FHIR Bundle whose entries are one patient's resources, each routed
    /// as if it were its own export line, so both framings give the same groups and the same output.
    /// </summary>
    private void RouteBundle(
        ReadOnlySpan<byte> text, string file, LineOrigin line, SpillFiles spill, ArrayBufferWriter<byte>?[] batches, int batchBytes,
        MedicationCatalog medications, ScreenSummary summary)
    {
        if (text.IndexOfAnyExcept(" \t"u8) < 0)
        {
            return;
        }

        JsonDocument bundle;
        try
        {
            bundle = JsonDocument.Parse(text.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException exception)
        {
            Route(text, LineKey.Bad($"malformed JSON: {exception.Message.Split(" LineNumber:")[0].TrimEnd('.')}"), file, line, spill, batches, batchBytes, medications, summary);
            return;
        }

        using (bundle)
        {
            var root = bundle.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType"u8, out var type) || !type.ValueEquals("Bundle"u8)
                || !root.TryGetProperty("entry"u8, out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                Route(text, LineKey.Bad("expected one patient's resources as a FHIR Bundle with entries"), file, line, spill, batches, batchBytes, medications, summary);
                return;
            }

            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("resource"u8, out var resource))
                {
                    Route(text, LineKey.Bad("a Bundle entry without a resource"), file, line, spill, batches, batchBytes, medications, summary);
                    continue;
                }

                var raw = JsonMarshal.GetRawUtf8Value(resource);
                Route(raw, LineScanner.Scan(raw), file, line, spill, batches, batchBytes, medications, summary);
            }
        }
    }
}
