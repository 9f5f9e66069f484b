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

    public ScreenPhase Phase { get; internal set; } = ScreenPhase.Reading;

    /// <summary>Bytes of the input files as stored (compressed for .gz); null when a file's size is unknown (a URL, stdin).</summary>
    public long? StoredBytesTotal { get; internal set; }

    public long StoredBytesRead => Interlocked.Read(ref storedBytesRead);

    public long SpillBytesTotal { get; internal set; }

    public long SpillBytesDone => Interlocked.Read(ref spillBytesDone);

    public long PatientsDone => Interlocked.Read(ref patientsDone);

    public int PartsTotal { get; internal set; }

    public int PartsDone => Volatile.Read(ref partsDone);

    internal void AddStoredBytes(long bytes) => Interlocked.Add(ref storedBytesRead, bytes);

    internal void PartDone(long spillBytes, long patients)
    {
        Interlocked.Add(ref spillBytesDone, spillBytes);
        Interlocked.Add(ref patientsDone, patients);
        Interlocked.Increment(ref partsDone);
    }
}

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
