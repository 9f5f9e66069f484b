namespace Relief.Bulk.Screening;

/// <summary>
/// Counters a run updates and a progress display polls (a bar on a terminal, plain lines otherwise). The
/// first pass advances with the stored bytes read, the second with the spilled bytes assessed.
/// </summary>
public sealed class ScreenProgress
{
    private long storedBytesRead;
    private long spillBytesDone;
    private long patientsDone;
    private int partsDone;

    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<PhaseTime> phases = [];
    private ScreenPhase phase = ScreenPhase.Reading;
    private TimeSpan phaseStart;
    private TimeSpan phaseCpuStart = CpuTime();
    private long lineBytes;

    public ScreenPhase Phase
    {
        get => phase;
        internal set
        {
            if (value == phase)
            {
                return;
            }

            // Wall and CPU time per phase: on a shared machine CPU time is the steadier figure (docs/performance.md).
            var now = clock.Elapsed;
            var cpu = CpuTime();
            phases.Add(new PhaseTime(phase, now - phaseStart, cpu - phaseCpuStart));
            (phase, phaseStart, phaseCpuStart) = (value, now, cpu);
        }
    }

    /// <summary>The phases finished so far, with their wall-clock and CPU time.</summary>
    public IReadOnlyList<PhaseTime> Phases => phases;

    /// <summary>Bytes of NDJSON lines after decompression.</summary>
    public long LineBytes => Interlocked.Read(ref lineBytes);

    /// <summary>Bytes of the input files as stored (compressed for .gz); null when a file's size is unknown (a URL, stdin).</summary>
    public long? StoredBytesTotal { get; internal set; }

    public long StoredBytesRead => Interlocked.Read(ref storedBytesRead);

    public long SpillBytesTotal { get; internal set; }

    public long SpillBytesDone => Interlocked.Read(ref spillBytesDone);

    public long PatientsDone => Interlocked.Read(ref patientsDone);

    public int PartsTotal { get; internal set; }

    public int PartsDone => Volatile.Read(ref partsDone);

    internal void AddStoredBytes(long bytes) => Interlocked.Add(ref storedBytesRead, bytes);

    internal void AddLineBytes(long bytes) => Interlocked.Add(ref lineBytes, bytes);

    internal void PatientDone() => Interlocked.Increment(ref patientsDone);

    internal void PartDone(long spillBytes)
    {
        Interlocked.Add(ref spillBytesDone, spillBytes);
        Interlocked.Increment(ref partsDone);
    }

    private static TimeSpan CpuTime() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
}

/// <summary>How long one phase took, on the wall clock and in CPU time summed over threads.</summary>
public sealed record PhaseTime(ScreenPhase Phase, TimeSpan Wall, TimeSpan Cpu);

public enum ScreenPhase
{
    /// <summary>First pass: reading the export and spilling lines to partitions by patient.</summary>
    Reading,

    /// <summary>Second pass: grouping each partition by patient and assessing.</summary>
    Assessing,

    /// <summary>Merging the parts into the output files and report.</summary>
    Writing,

    Done,
}
