using System.Collections.Concurrent;

namespace Relief.Bulk.Grouping;

/// <summary>
/// The buffers spill partitions are read into, reused from one partition to the next: a run holds about three
/// partitions at a time (one loading, one assessed, one written), and a fresh ~48 MB array per partition only fed
/// the large-object heap and the full collections it triggers.
/// </summary>
internal sealed class PartitionBuffers
{
    private readonly ConcurrentBag<byte[]> free = [];

    /// <summary>The file in a buffer at least as long (not zeroed first: every byte up to its length is read into), and its length.</summary>
    public (byte[] Data, int Length) ReadWhole(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = checked((int)RandomAccess.GetLength(handle));
        var data = Rent(length);
        try
        {
            var filled = 0;
            while (filled < length)
            {
                var read = RandomAccess.Read(handle, data.AsSpan(filled, length - filled), filled);
                if (read == 0)
                {
                    throw new EndOfStreamException($"{path} ended after {filled} of {length} bytes");
                }

                filled += read;
            }

            return (data, length);
        }
        catch
        {
            Return(data);
            throw;
        }
    }

    public void Return(byte[] buffer) => free.Add(buffer);

    private byte[] Rent(int length)
    {
        while (free.TryTake(out var buffer))
        {
            if (buffer.Length >= length)
            {
                return buffer;
            }
        }

        // Partitions differ in size by a few per cent: the headroom lets the next ones fit.
        return GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, length + (long)length / 8 + 4096));
    }
}
