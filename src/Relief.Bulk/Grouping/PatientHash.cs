using System.IO.Hashing;
using System.Text;

namespace Relief.Bulk.Grouping;

/// <summary>
/// The one hash that places a patient: in a shard (<c>--shard K/N</c>) and in a spill partition. It is
/// XXH64 with seed 42 over the id's UTF-8 bytes — the function Spark's built-in <c>xxhash64</c> computes —
/// so a Spark job can partition an export exactly as Relief shards it. Never <see cref="string.GetHashCode()"/>,
/// which changes per process.
/// </summary>
public static class PatientHash
{
    private const long Seed = 42;

    public static ulong Of(string patientId)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        Span<byte> buffer = stackalloc byte[256];
        var count = Encoding.UTF8.GetByteCount(patientId);
        var bytes = count <= buffer.Length ? buffer[..count] : new byte[count];
        Encoding.UTF8.GetBytes(patientId, bytes);
        return XxHash64.HashToUInt64(bytes, Seed);
    }

    /// <summary>The shard (0-based) a patient belongs to among <paramref name="count"/>; the low bits of the hash.</summary>
    public static int Shard(ulong hash, int count) => (int)(hash % (ulong)count);

    /// <summary>The spill partition within a shard: the high bits, so partitions stay balanced inside any one shard.</summary>
    public static int Partition(ulong hash, int count) => (int)((hash >> 32) % (ulong)count);

    /// <summary>
    /// The shard that reports a line belonging to no patient (a bad line, a Medication, a type Relief does not
    /// read): every shard reads every line, and exactly one of them counts it, so shard summaries add up.
    /// </summary>
    public static int LineShard(string file, long line, int count) =>
        count == 1 ? 0 : Shard(Of(string.Concat(file, ":", line.ToString(System.Globalization.CultureInfo.InvariantCulture))), count);
}
