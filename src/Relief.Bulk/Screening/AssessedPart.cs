using System.Buffers;
using Relief.Bulk.Output;
using Relief.Bulk.Summary;

namespace Relief.Bulk.Screening;

/// <summary>
/// One partition assessed: each patient's rows, serialised by the worker that screened the patient into that
/// worker's own buffer, and the counts each worker tallied. The committer writes the rows in patient order and adds
/// the counts up (a summary is a sum: the same whatever worker counted what).
/// </summary>
/// <remarks>
/// Parts are reused from one partition to the next (<see cref="Reset"/>): before, every patient left a row array and
/// an outcome object behind until its part was committed, and those outlived the young generation by the million.
/// </remarks>
internal sealed class AssessedPart
{
    private readonly List<Worker> workers = [];
    private int workersInUse;
    private Slot[] slots = [];

    public int Partition { get; private set; }

    public int PatientCount { get; private set; }

    /// <summary>Makes the part ready for a partition of <paramref name="patients"/> patients.</summary>
    public void Reset(int partition, int patients)
    {
        Partition = partition;
        PatientCount = patients;
        if (slots.Length < patients)
        {
            ArrayPool<Slot>.Shared.Return(slots);
            slots = ArrayPool<Slot>.Shared.Rent(patients);
        }

        lock (workers)
        {
            workersInUse = 0;
        }
    }

    /// <summary>A worker's buffer and counts for this part (one per parallel loop worker; thread-safe).</summary>
    public Worker NextWorker()
    {
        lock (workers)
        {
            if (workersInUse == workers.Count)
            {
                workers.Add(new Worker(this, workers.Count));
            }

            var worker = workers[workersInUse++];
            worker.Clear();
            return worker;
        }
    }

    /// <summary>Every patient's rows, in patient order.</summary>
    public void WriteRows(Stream into)
    {
        for (var i = 0; i < PatientCount; i++)
        {
            var slot = slots[i];
            if (slot.Length > 0)
            {
                into.Write(workers[slot.Worker].Rows.WrittenSpan.Slice(slot.Start, slot.Length));
            }
        }
    }

    /// <summary>The part's counts: the workers' added up.</summary>
    public ScreenSummary Summary()
    {
        var summary = new ScreenSummary();
        for (var w = 0; w < workersInUse; w++)
        {
            summary.Add(workers[w].Summary);
        }

        return summary;
    }

    private readonly record struct Slot(int Worker, int Start, int Length);

    /// <summary>One worker's share of a part: the rows it serialised (back to back) and what it counted.</summary>
    internal sealed class Worker(AssessedPart part, int index)
    {
        public ArrayBufferWriter<byte> Rows { get; } = new(1 << 16);

        public ScreenSummary Summary { get; private set; } = new();

        /// <summary>Serialises patient <paramref name="patient"/>'s rows and counts what the screen found.</summary>
        public void Add(int patient, ScreenedPatient screened)
        {
            var start = Rows.WrittenCount;
            foreach (var row in screened.Outcome?.Rows ?? [])
            {
                RowNdjson.Write(Rows, row);
            }

            part.slots[patient] = new Slot(index, start, Rows.WrittenCount - start);
            foreach (var bad in screened.BadLines)
            {
                Summary.AddBadLine(bad.Line);
                ScreenSummary.Increment(Summary.Resources, bad.ResourceType, -1);
            }

            if (screened.Outcome is { } outcome)
            {
                SummaryTally.Add(Summary, outcome);
            }
        }

        internal void Clear()
        {
            Rows.ResetWrittenCount();
            Summary = new ScreenSummary();
        }
    }
}
