using System.Buffers;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Relief.Bulk.Grouping;

/// <summary>
/// The second pass's grouping of one spill partition: the file is read whole (partitions are sized to fit in
/// memory), its records grouped by patient, patients sorted by id and each patient's lines sorted by their
/// bytes. Sorting is what makes the output independent of file order and of which worker spilled a line first.
/// </summary>
/// <remarks>
/// A partition lives for as long as its patients are assessed (about half a second), and everything it held as
/// objects (a list and a <see cref="PatientLines"/> per patient) outlived many young-generation collections, was
/// copied into the older generations and collected there: about a fifth of the screen's CPU was the garbage
/// collector. So a partition is now arrays of values over its bytes, rented and returned: the lines of each
/// patient contiguous, the patients in order. A patient's <see cref="PatientLines"/> is made when it is screened
/// (<see cref="Patient"/>), and dies young. Patient ids that are all ASCII are grouped and ordered by their bytes,
/// which for ASCII is the ordinal order of the strings; a partition with any other id is grouped and ordered by
/// the decoded strings, exactly as before.
/// </remarks>
internal sealed class PartitionGroups : IDisposable
{
    private readonly PartitionBuffers buffers;
    private byte[] data;
    private SpilledLine[] lines;
    private PatientSpan[] patients;

    private PartitionGroups(PartitionBuffers buffers, byte[] data, SpilledLine[] lines, PatientSpan[] patients, int patientCount)
    {
        this.buffers = buffers;
        this.data = data;
        this.lines = lines;
        this.patients = patients;
        PatientCount = patientCount;
    }

    public int PatientCount { get; }

    /// <summary>Reads and groups one spill file (its bytes in a buffer from <paramref name="buffers"/>, returned on dispose).</summary>
    public static PartitionGroups Read(string spillFile, PartitionBuffers buffers)
    {
        var (data, length) = buffers.ReadWhole(spillFile);
        // About one record per 200 bytes of spill; the array grows if there are more.
        var records = ArrayPool<SpilledLine>.Shared.Rent(Math.Max(1024, length / 160));
        int[]? owners = null;
        try
        {
            var count = 0;
            var ascii = true;
            var stored = data.AsSpan(0, length);
            for (var offset = 0; offset < length; count++)
            {
                offset = SpillRecord.Read(stored, offset, out var id, out var origin, out var line);
                var (idStart, idLength) = id.GetOffsetAndLength(length);
                var (lineStart, lineLength) = line.GetOffsetAndLength(length);
                ascii = ascii && Ascii.IsValid(stored.Slice(idStart, idLength));
                if (count == records.Length)
                {
                    var larger = ArrayPool<SpilledLine>.Shared.Rent(records.Length * 2);
                    records.AsSpan().CopyTo(larger);
                    ArrayPool<SpilledLine>.Shared.Return(records);
                    records = larger;
                }

                records[count] = new SpilledLine(lineStart, lineLength, origin, idStart, idLength);
            }

            owners = ArrayPool<int>.Shared.Rent(count);
            var groups = ascii ? ByBytes(data, records.AsSpan(0, count), owners) : ByDecodedId(data, records.AsSpan(0, count), owners);
            return Arrange(buffers, data, records.AsSpan(0, count), owners, groups);
        }
        catch
        {
            buffers.Return(data);
            throw;
        }
        finally
        {
            ArrayPool<SpilledLine>.Shared.Return(records);
            if (owners is not null)
            {
                ArrayPool<int>.Shared.Return(owners);
            }
        }
    }

    /// <summary>
    /// The patient at <paramref name="index"/> (in id order), its lines sorted by bytes and then by origin (two copies
    /// of one line pair up with their origins the same way every run). Patients may be made on several threads at once.
    /// </summary>
    public PatientLines Patient(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)PatientCount, nameof(index));
        var patient = patients[index];
        var own = lines.AsSpan(patient.First, patient.Count);
        own.Sort(new LineOrder(data));
        var bytes = new ReadOnlyMemory<byte>[own.Length];
        var origins = new LineOrigin[own.Length];
        for (var i = 0; i < own.Length; i++)
        {
            bytes[i] = new ReadOnlyMemory<byte>(data, own[i].Start, own[i].Length);
            origins[i] = own[i].Origin;
        }

        var id = patient.Id ?? Encoding.UTF8.GetString(data, patient.IdStart, patient.IdLength);
        return new PatientLines(id, bytes) { Origins = origins };
    }

    public void Dispose()
    {
        if (data.Length == 0)
        {
            return;
        }

        buffers.Return(data);
        ArrayPool<SpilledLine>.Shared.Return(lines);
        ArrayPool<PatientSpan>.Shared.Return(patients, clearArray: true);
        (data, lines, patients) = ([], [], []);
    }

    /// <summary>ASCII ids: grouped by their bytes in an open-addressing table, then ordered by their bytes.</summary>
    private static List<PatientSpan> ByBytes(byte[] data, ReadOnlySpan<SpilledLine> records, int[] owners)
    {
        var groups = new List<PatientSpan>();
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, records.Length * 2));
        var slots = ArrayPool<int>.Shared.Rent(size);
        var mask = size - 1;
        try
        {
            slots.AsSpan(0, mask + 1).Fill(-1);
            for (var i = 0; i < records.Length; i++)
            {
                var id = data.AsSpan(records[i].IdStart, records[i].IdLength);
                var slot = (int)XxHash3.HashToUInt64(id) & mask;
                while (slots[slot] >= 0 && !data.AsSpan(groups[slots[slot]].IdStart, groups[slots[slot]].IdLength).SequenceEqual(id))
                {
                    slot = (slot + 1) & mask;
                }

                if (slots[slot] < 0)
                {
                    slots[slot] = groups.Count;
                    groups.Add(new PatientSpan(records[i].IdStart, records[i].IdLength, 0, 0, null));
                }

                owners[i] = slots[slot];
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(slots);
        }

        return groups;
    }

    /// <summary>Any other ids: grouped and ordered by the decoded strings (invalid bytes become U+FFFD), as the strings compare.</summary>
    private static List<PatientSpan> ByDecodedId(byte[] data, ReadOnlySpan<SpilledLine> records, int[] owners)
    {
        var groups = new List<PatientSpan>();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < records.Length; i++)
        {
            var id = Encoding.UTF8.GetString(data, records[i].IdStart, records[i].IdLength);
            if (!byId.TryGetValue(id, out var group))
            {
                byId[id] = group = groups.Count;
                groups.Add(new PatientSpan(records[i].IdStart, records[i].IdLength, 0, 0, id));
            }

            owners[i] = group;
        }

        return groups;
    }

    /// <summary>Orders the patients and lays each one's lines out contiguously, in the order of the ordered patients.</summary>
    private static PartitionGroups Arrange(PartitionBuffers buffers, byte[] data, ReadOnlySpan<SpilledLine> records, int[] owners, List<PatientSpan> groups)
    {
        var count = groups.Count;
        var counts = ArrayPool<int>.Shared.Rent(count);
        var order = ArrayPool<int>.Shared.Rent(count);
        try
        {
            counts.AsSpan(0, count).Clear();
            for (var i = 0; i < records.Length; i++)
            {
                counts[owners[i]]++;
            }

            for (var g = 0; g < count; g++)
            {
                order[g] = g;
            }

            Array.Sort(order, 0, count, new PatientOrder(data, groups));
            var spans = CollectionsMarshal.AsSpan(groups);
            var patients = ArrayPool<PatientSpan>.Shared.Rent(Math.Max(1, count));
            var first = 0;
            for (var rank = 0; rank < count; rank++)
            {
                var g = order[rank];
                patients[rank] = spans[g] with { First = first, Count = counts[g] };
                // From here on counts[g] is where the group's next line goes.
                counts[g] = first;
                first += patients[rank].Count;
            }

            var lines = ArrayPool<SpilledLine>.Shared.Rent(Math.Max(1, records.Length));
            for (var i = 0; i < records.Length; i++)
            {
                lines[counts[owners[i]]++] = records[i];
            }

            return new PartitionGroups(buffers, data, lines, patients, count);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<int>.Shared.Return(order);
        }
    }

    /// <summary>A spilled line: its bytes and origin, and its patient's id bytes.</summary>
    private readonly record struct SpilledLine(int Start, int Length, LineOrigin Origin, int IdStart, int IdLength);

    /// <summary>A patient: its id (bytes, and the string when grouped by strings) and where its lines lie.</summary>
    private readonly record struct PatientSpan(int IdStart, int IdLength, int First, int Count, string? Id);

    private sealed class PatientOrder(byte[] data, List<PatientSpan> groups) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var (a, b) = (groups[x], groups[y]);
            return a.Id is not null && b.Id is not null
                ? string.CompareOrdinal(a.Id, b.Id)
                : data.AsSpan(a.IdStart, a.IdLength).SequenceCompareTo(data.AsSpan(b.IdStart, b.IdLength));
        }
    }

    private readonly struct LineOrder(byte[] data) : IComparer<SpilledLine>
    {
        public int Compare(SpilledLine a, SpilledLine b)
        {
            var byBytes = data.AsSpan(a.Start, a.Length).SequenceCompareTo(data.AsSpan(b.Start, b.Length));
            return byBytes != 0 ? byBytes : a.Origin.File != b.Origin.File ? a.Origin.File.CompareTo(b.Origin.File) : a.Origin.Line.CompareTo(b.Origin.Line);
        }
    }
}
