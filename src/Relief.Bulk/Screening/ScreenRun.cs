using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading.Channels;
using Relief.Bulk.Grouping;
using Relief.Bulk.Input;
using Relief.Bulk.Output;
using Relief.Bulk.Summary;
using Relief.Fhir.Contract;

namespace Relief.Bulk.Screening;

/// <summary>
/// A population screen in two passes over bounded memory:
/// <list type="number">
/// <item>every line is routed by its patient's hash to one of P spill partitions (<see cref="ExportSplitter"/>);</item>
/// <item>each partition is grouped by patient and its patients assessed on all cores; its rows, sorted by
/// patient, and its counts are committed as one part (rows renamed into place, then the summary);</item>
/// </list>
/// then the parts are merged into the outputs. A run killed midway resumes from its last committed part when
/// started again with the same inputs and settings; anything else starts afresh.
/// </summary>
public sealed class ScreenRun(AssessmentPipeline pipeline, ScreenSettings settings, ScreenProgress progress)
{
    /// <summary>About how much spilled data one partition should hold: what the second pass holds in memory at once.</summary>
    public const long PartitionTargetBytes = 48L << 20;

    public ScreenResult Run(IReadOnlyList<LineSource> sources, CancellationToken cancellation = default)
    {
        var work = new WorkArea(settings.OutDirectory);
        var partitions = settings.Partitions > 0 ? settings.Partitions : AutoPartitions(sources);
        var state = State(sources, partitions);
        var resumable = sources.All(s => !s.PatientBundles);

        ScreenSummary spillSummary;
        MedicationCatalog medications;
        if (resumable && File.Exists(work.SpillSummary) && File.Exists(work.StateFile) && File.ReadAllText(work.StateFile) == state)
        {
            spillSummary = SummaryJsonContext.Read(work.SpillSummary);
            medications = MedicationCatalog.Load(work.Medications);
            progress.AddStoredBytes(progress.StoredBytesTotal ?? 0);
        }
        else
        {
            if (Directory.Exists(work.Root))
            {
                Directory.Delete(work.Root, recursive: true);
            }

            Directory.CreateDirectory(work.PartsDirectory);
            File.WriteAllText(work.StateFile, state);
            var split = new ExportSplitter(new SplitSettings(work.SpillDirectory, partitions, settings.Shard, settings.Threads), progress)
                .Run(sources, cancellation);
            spillSummary = split.Summary;
            medications = split.Medications;
            medications.Save(work.Medications);
            Commit(work.SpillSummary, path => SummaryJsonContext.Write(spillSummary, path));
        }

        using (medications)
        {
            medications.Freeze();
            var fileNames = sources.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
            var resumed = ScreenParts(work, partitions, medications, fileNames, cancellation);
            progress.Phase = ScreenPhase.Writing;
            var summary = new ScreenSummary();
            summary.Add(spillSummary);
            for (var p = 0; p < partitions; p++)
            {
                summary.Add(SummaryJsonContext.Read(work.PartSummary(p)));
            }

            summary.AsOf = settings.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            summary.Knowledge = settings.KnowledgeVersion;
            summary.Normalise();
            ScreenOutputs.Write(settings.OutDirectory, Enumerable.Range(0, partitions).Select(work.PartRows).ToList(), summary);
            Directory.Delete(work.Root, recursive: true);
            progress.Phase = ScreenPhase.Done;
            return new ScreenResult(summary, resumed, partitions, progress.StoredBytesRead);
        }
    }

    /// <summary>
    /// The second pass; returns how many parts were already committed by an earlier run. Three stages overlap so
    /// the cores never wait on the serial steps: a loader reads and groups the next partition, all cores assess
    /// the current one (each patient's rows serialised where they were found), and a committer writes the
    /// previous one's rows and summary. Parts are committed in order, one at a time, as before.
    /// </summary>
    private int ScreenParts(WorkArea work, int partitions, MedicationCatalog medications, IReadOnlyList<string> fileNames, CancellationToken cancellation)
    {
        progress.Phase = ScreenPhase.Assessing;
        progress.PartsTotal = partitions;
        var spillSizes = Enumerable.Range(0, partitions).Select(p => new FileInfo(SpillFiles.PathOf(work.SpillDirectory, p)).Length).ToArray();
        progress.SpillBytesTotal = spillSizes.Sum();
        var screener = new DeferredLineCheck(new PatientScreener(pipeline, settings.AsOf, medications), fileNames);
        var pending = new List<int>();
        var resumed = 0;
        for (var p = 0; p < partitions; p++)
        {
            if (File.Exists(work.PartSummary(p)))
            {
                resumed++;
                progress.PartDone(spillSizes[p]);
            }
            else
            {
                pending.Add(p);
            }
        }

        // One partition loaded ahead and one waiting for its commit at most: memory stays a few partitions. Their
        // buffers and the assessed parts go round (PartitionBuffers, AssessedPart): a partition leaves no objects behind.
        var buffers = new PartitionBuffers();
        var parts = new ConcurrentBag<AssessedPart>();
        var loaded = Channel.CreateBounded<(int Partition, PartitionGroups Patients)>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var assessed = Channel.CreateBounded<AssessedPart>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var loader = Task.Run(
            async () =>
            {
                try
                {
                    foreach (var p in pending)
                    {
                        var groups = PartitionGroups.Read(SpillFiles.PathOf(work.SpillDirectory, p), buffers);
                        if (!loaded.Writer.TryWrite((p, groups)))
                        {
                            try
                            {
                                await loaded.Writer.WriteAsync((p, groups), stop.Token).ConfigureAwait(false);
                            }
                            catch
                            {
                                groups.Dispose();
                                throw;
                            }
                        }
                    }

                    loaded.Writer.TryComplete();
                }
                catch (Exception exception)
                {
                    loaded.Writer.TryComplete(exception);
                }
            },
            CancellationToken.None);
        var committer = Task.Run(() => CommitParts(work, assessed.Reader, parts, spillSizes, stop), CancellationToken.None);

        Exception? failure = null;
        try
        {
            while (loaded.Reader.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (loaded.Reader.TryRead(out var partition))
                {
                    var part = parts.TryTake(out var reused) ? reused : new AssessedPart();
                    using (partition.Patients)
                    {
                        part.Reset(partition.Partition, partition.Patients.PatientCount);
                        Assess(screener, partition.Patients, part, stop.Token);
                    }

                    assessed.Writer.WriteAsync(part, stop.Token).AsTask().GetAwaiter().GetResult();
                }
            }
        }
        catch (Exception exception)
        {
            failure = exception;
            stop.Cancel();
        }
        finally
        {
            assessed.Writer.TryComplete();
        }

        loader.GetAwaiter().GetResult();
        // A partition loaded but never assessed (the run failed or was cancelled) gives its buffer back.
        while (loaded.Reader.TryRead(out var left))
        {
            left.Patients.Dispose();
        }

        // A failed committer cancels the other stages: its exception is the cause, the others' only the consequence.
        try
        {
            committer.GetAwaiter().GetResult();
        }
        catch (Exception) when (failure is not null && (failure is not OperationCanceledException || cancellation.IsCancellationRequested))
        {
            // The assessing stage failed on its own (or the run was cancelled): that is the exception to report.
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return resumed;
    }

    /// <summary>All cores on one partition's patients; each worker serialises and counts the patients it screened.</summary>
    private void Assess(DeferredLineCheck screener, PartitionGroups patients, AssessedPart part, CancellationToken cancellation)
    {
        Parallel.For(
            0,
            patients.PatientCount,
            new ParallelOptions { MaxDegreeOfParallelism = settings.Threads, CancellationToken = cancellation },
            part.NextWorker,
            (i, _, worker) =>
            {
                worker.Add(i, screener.Screen(patients.Patient(i)));
                progress.PatientDone();
                return worker;
            },
            _ => { });
    }

    /// <summary>The committer: each assessed part's rows renamed into place, then its summary (the commit).</summary>
    private void CommitParts(
        WorkArea work, ChannelReader<AssessedPart> assessed, ConcurrentBag<AssessedPart> parts, long[] spillSizes, CancellationTokenSource stop)
    {
        try
        {
            while (assessed.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (assessed.TryRead(out var part))
                {
                    Commit(work.PartRows(part.Partition), path =>
                    {
                        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                        part.WriteRows(file);
                    });
                    Commit(work.PartSummary(part.Partition), path => SummaryJsonContext.Write(part.Summary(), path));
                    progress.PartDone(spillSizes[part.Partition]);
                    parts.Add(part);
                    if (settings.PauseAfterPart > TimeSpan.Zero)
                    {
                        Thread.Sleep(settings.PauseAfterPart);
                    }
                }
            }
        }
        catch (Exception)
        {
            // Stop the other stages; the exception surfaces from this task.
            stop.Cancel();
            throw;
        }
    }

    /// <summary>Writes beside the target and renames: a reader (or a resumed run) sees the whole file or none.</summary>
    internal static void Commit(string path, Action<string> write)
    {
        var temporary = path + ".tmp";
        write(temporary);
        File.Move(temporary, path, overwrite: true);
    }

    private int AutoPartitions(IReadOnlyList<LineSource> sources)
    {
        if (sources.Any(s => s.StoredLength is null))
        {
            return 64;
        }

        // Compressed NDJSON expands about eightfold; only this shard's share is spilled.
        var bytes = sources.Sum(s => s.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? s.StoredLength!.Value * 8 : s.StoredLength!.Value);
        return PartitionCount(bytes / settings.Shard.Count);
    }

    /// <summary>
    /// Partitions for <paramref name="spilledBytes"/> of lines: about <see cref="PartitionTargetBytes"/> each, but at
    /// least <see cref="MinPartitions"/> while each would still hold <see cref="MinPartitionBytes"/>. With fewer, the
    /// loader, the assessing and the committer have too little to overlap: at 100 k patients (97.5 MB) two
    /// partitions ran 4-8% slower and used a third more memory than eight.
    /// </summary>
    internal static int PartitionCount(long spilledBytes)
    {
        var bySize = spilledBytes / PartitionTargetBytes + 1;
        var forOverlap = Math.Min(MinPartitions, spilledBytes / MinPartitionBytes + 1);
        return (int)Math.Clamp(Math.Max(bySize, forOverlap), 1, 4096);
    }

    /// <summary>The fewest partitions chosen for an input large enough to fill them (<see cref="PartitionCount"/>).</summary>
    public const int MinPartitions = 8;

    /// <summary>The least a partition chosen for overlap should hold.</summary>
    public const long MinPartitionBytes = 4L << 20;

    /// <summary>What a resume must match: the inputs (name, size, modified time), partitions, shard, date and knowledge.</summary>
    private string State(IReadOnlyList<LineSource> sources, int partitions)
    {
        var text = new StringBuilder();
        // The version of the work area's formats: 2 since spill records carry their line's origin. A work area
        // left by another version never matches, so it is started afresh rather than misread.
        text.AppendLine("relief-screen-state 2");
        text.AppendLine(CultureInfo.InvariantCulture, $"as-of {settings.AsOf:yyyy-MM-dd}");
        text.AppendLine(CultureInfo.InvariantCulture, $"knowledge {settings.KnowledgeVersion}");
        text.AppendLine(CultureInfo.InvariantCulture, $"shard {settings.Shard}");
        text.AppendLine(CultureInfo.InvariantCulture, $"partitions {partitions}");
        foreach (var source in sources.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var modified = File.Exists(source.Name) ? File.GetLastWriteTimeUtc(source.Name).Ticks : 0;
            text.AppendLine(CultureInfo.InvariantCulture, $"input {source.Name} {source.StoredLength} {modified}");
        }

        return text.ToString();
    }
}
