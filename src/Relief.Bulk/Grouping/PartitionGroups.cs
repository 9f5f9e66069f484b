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
        var data = File.ReadAllBytes(spillFile);
        var byPatient = new Dictionary<string, List<ReadOnlyMemory<byte>>>(StringComparer.Ordinal);
        var offset = 0;
        while (offset < data.Length)
        {
            offset = SpillRecord.Read(data, offset, out var id, out var line);
            var patient = Encoding.UTF8.GetString(data.AsSpan(id));
            if (!byPatient.TryGetValue(patient, out var lines))
            {
                byPatient[patient] = lines = [];
            }

            var (start, length) = line.GetOffsetAndLength(data.Length);
            lines.Add(new ReadOnlyMemory<byte>(data, start, length));
        }

        var patients = new List<PatientLines>(byPatient.Count);
        foreach (var (patient, lines) in byPatient.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            lines.Sort(static (a, b) => a.Span.SequenceCompareTo(b.Span));
            patients.Add(new PatientLines(patient, lines));
        }

        return patients;
    }
}
