namespace Relief.Bulk.Grouping;

/// <summary>
/// The partition files of the first pass, appended to by every worker. Each worker batches its records per
/// partition and appends a batch under that partition's lock, so two workers never interleave within a record.
/// </summary>
internal sealed class SpillFiles : IDisposable
{
    private readonly FileStream[] files;
    private readonly object[] locks;

    public SpillFiles(string directory, int partitions)
    {
        Directory.CreateDirectory(directory);
        files = new FileStream[partitions];
        locks = new object[partitions];
        for (var p = 0; p < partitions; p++)
        {
            files[p] = new FileStream(PathOf(directory, p), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            locks[p] = new object();
        }
    }

    public int Count => files.Length;

    public static string PathOf(string directory, int partition) => Path.Combine(directory, $"p-{partition:D5}.spill");

    public void Append(int partition, ReadOnlySpan<byte> records)
    {
        lock (locks[partition])
        {
            files[partition].Write(records);
        }
    }

    public void Dispose()
    {
        foreach (var file in files)
        {
            file.Flush(flushToDisk: false);
            file.Dispose();
        }
    }
}
