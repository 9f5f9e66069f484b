using System.Text;

namespace Relief.Bulk.Grouping;

/// <summary>
/// The second pass's grouping of one spill partition: the file is read whole (partitions are sized to fit in
/// memory), its records grouped by patient, patients sorted by id and each patient's lines sorted by their
/// bytes. Sorting is what makes the output independent of file order and of which worker spilled a line first.
/// </summary>
internal static class PartitionGroups
{
    public static List<PatientLines> Read(string spillFile)
    {
        var data = ReadWhole(spillFile);
        var byPatient = new Dictionary<string, List<SpilledLine>>(StringComparer.Ordinal);
        // Looked up by the id decoded into a reused buffer: one string per patient, not one per line.
        var lookup = byPatient.GetAlternateLookup<ReadOnlySpan<char>>();
        var idChars = new char[256];
        var offset = 0;
        while (offset < data.Length)
        {
            offset = SpillRecord.Read(data, offset, out var id, out var origin, out var line);
            var idBytes = data.AsSpan(id);
            if (idChars.Length < Encoding.UTF8.GetMaxCharCount(idBytes.Length))
            {
                idChars = new char[Encoding.UTF8.GetMaxCharCount(idBytes.Length)];
            }

            // The same decoding as Encoding.UTF8.GetString (invalid bytes become U+FFFD), without the string.
            var patient = idChars.AsSpan(0, Encoding.UTF8.GetChars(idBytes, idChars));
            if (!lookup.TryGetValue(patient, out var lines))
            {
                lookup[patient] = lines = [];
            }

            var (start, length) = line.GetOffsetAndLength(data.Length);
            lines.Add(new SpilledLine(new ReadOnlyMemory<byte>(data, start, length), origin));
        }

        var patients = new List<PatientLines>(byPatient.Count);
        foreach (var (patient, lines) in byPatient)
        {
            // By bytes; two copies of one line (same bytes) by where they came from, so origins pair up the same way every run.
            lines.Sort(static (a, b) =>
            {
                var byBytes = a.Bytes.Span.SequenceCompareTo(b.Bytes.Span);
                return byBytes != 0 ? byBytes : a.Origin.File != b.Origin.File ? a.Origin.File.CompareTo(b.Origin.File) : a.Origin.Line.CompareTo(b.Origin.Line);
            });
            var bytes = new ReadOnlyMemory<byte>[lines.Count];
            var origins = new LineOrigin[lines.Count];
            for (var i = 0; i < lines.Count; i++)
            {
                (bytes[i], origins[i]) = (lines[i].Bytes, lines[i].Origin);
            }

            patients.Add(new PatientLines(patient, bytes) { Origins = origins });
        }

        patients.Sort(static (a, b) => string.CompareOrdinal(a.PatientId, b.PatientId));
        return patients;
    }

    private readonly record struct SpilledLine(ReadOnlyMemory<byte> Bytes, LineOrigin Origin);

    /// <summary>
    /// The file in one array that is not zeroed first (File.ReadAllBytes clears ~48 MB per partition only to
    /// overwrite it); every byte is read into before use.
    /// </summary>
    private static byte[] ReadWhole(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var data = GC.AllocateUninitializedArray<byte>(checked((int)RandomAccess.GetLength(handle)));
        var filled = 0;
        while (filled < data.Length)
        {
            var read = RandomAccess.Read(handle, data.AsSpan(filled), filled);
            if (read == 0)
            {
                throw new EndOfStreamException($"{path} ended after {filled} of {data.Length} bytes");
            }

            filled += read;
        }

        return data;
    }
}
