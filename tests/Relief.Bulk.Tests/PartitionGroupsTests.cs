using System.Buffers;
using System.Text;
using Relief.Bulk.Grouping;

namespace Relief.Bulk.Tests;

/// <summary>
/// The second pass's grouping of a spill file against the grouping it must equal: by the decoded id strings,
/// patients in ordinal string order, each patient's lines by bytes and then by origin.
/// </summary>
public sealed class PartitionGroupsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("relief-partition-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Ascii_ids_are_grouped_and_ordered_as_their_strings_are()
    {
        var random = new Random(7);
        var records = new List<(string Id, LineOrigin Origin, string Line)>();
        for (var i = 0; i < 3000; i++)
        {
            // Ids of different lengths sharing prefixes ("p1" < "p10" < "p2"), lines repeated within a patient.
            var id = $"p{random.Next(400)}";
            records.Add((id, new LineOrigin(random.Next(3), random.Next(1, 100)), $"{{\"n\":{random.Next(5)}}}"));
        }

        AssertGroupedAsStrings(records);
    }

    [Fact]
    public void Ids_beyond_ascii_are_ordered_as_strings_not_as_bytes()
    {
        // U+FF01 sorts after a surrogate pair as UTF-16 (0xFF01 > 0xD83D) but before it as UTF-8 bytes (EF < F0).
        var records = new List<(string Id, LineOrigin Origin, string Line)>
        {
            ("\uFF01", new LineOrigin(0, 1), "{\"a\":1}"),
            ("\U0001F600", new LineOrigin(0, 2), "{\"a\":2}"),
            ("plain", new LineOrigin(1, 1), "{\"a\":3}"),
            ("\uFF01", new LineOrigin(1, 2), "{\"a\":0}"),
        };

        var groups = AssertGroupedAsStrings(records);
        Assert.Equal(["plain", "\U0001F600", "\uFF01"], groups);
    }

    [Fact]
    public void Two_copies_of_a_line_keep_their_origins_in_order()
    {
        var records = new List<(string Id, LineOrigin Origin, string Line)>
        {
            ("p", new LineOrigin(2, 5), "{\"same\":true}"),
            ("p", new LineOrigin(0, 9), "{\"same\":true}"),
            ("p", new LineOrigin(0, 3), "{\"same\":true}"),
        };

        using var groups = PartitionGroups.Read(Spill(records), new PartitionBuffers());
        Assert.Equal([new LineOrigin(0, 3), new LineOrigin(0, 9), new LineOrigin(2, 5)], groups.Patient(0).Origins);
    }

    [Fact]
    public void A_reused_buffer_longer_than_the_file_reads_only_the_file()
    {
        var buffers = new PartitionBuffers();
        var big = Enumerable.Range(0, 500).Select(i => ($"p{i}", new LineOrigin(0, i + 1), $"{{\"i\":{i}}}")).ToList();
        using (PartitionGroups.Read(Spill(big), buffers))
        {
        }

        using var small = PartitionGroups.Read(Spill([("q", new LineOrigin(0, 1), "{}")]), buffers);
        Assert.Equal(1, small.PatientCount);
        Assert.Equal("q", small.Patient(0).PatientId);
        Assert.Equal("{}", Encoding.UTF8.GetString(small.Patient(0).Lines.Single().Span));
    }

    private List<string> AssertGroupedAsStrings(List<(string Id, LineOrigin Origin, string Line)> records)
    {
        var expected = records
            .GroupBy(r => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(r.Id)), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Lines: g
                .OrderBy(r => Encoding.UTF8.GetBytes(r.Line), ByteOrder.Instance)
                .ThenBy(r => r.Origin.File).ThenBy(r => r.Origin.Line)
                .Select(r => (r.Line, r.Origin)).ToList()))
            .ToList();

        using var groups = PartitionGroups.Read(Spill(records), new PartitionBuffers());
        Assert.Equal(expected.Count, groups.PatientCount);
        for (var i = 0; i < expected.Count; i++)
        {
            var patient = groups.Patient(i);
            Assert.Equal(expected[i].Id, patient.PatientId);
            Assert.Equal(expected[i].Lines.Select(l => l.Line), patient.Lines.Select(l => Encoding.UTF8.GetString(l.Span)));
            Assert.Equal(expected[i].Lines.Select(l => l.Origin), patient.Origins);
        }

        return expected.Select(e => e.Id).ToList();
    }

    private string Spill(IEnumerable<(string Id, LineOrigin Origin, string Line)> records)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var (id, origin, line) in records)
        {
            SpillRecord.Write(buffer, id, origin, Encoding.UTF8.GetBytes(line));
        }

        var path = Path.Combine(directory, $"part-{Guid.NewGuid():N}.spill");
        File.WriteAllBytes(path, buffer.WrittenSpan.ToArray());
        return path;
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
