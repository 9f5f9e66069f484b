using System.Buffers;
using System.Text;
using Relief.Bulk.Output;
using Relief.Bulk.Screening;
using Relief.Bulk.Tests.Support;

namespace Relief.Bulk.Tests;

/// <summary>
/// The writing phase's fast paths against the general ones, on a real screen's rows (the sample export) and on rows
/// built to hit every edge: the table of repeated strings parses what the plain parse gives, and Parquet written
/// through <see cref="SynchronousWriteStream"/> is the same file as through the FileStream itself.
/// </summary>
public sealed class WritingFastPathTests(SampleExport export) : IClassFixture<SampleExport>
{
    [Fact]
    public void Parsing_with_the_repeated_strings_table_gives_the_rows_the_plain_parse_gives()
    {
        var lines = File.ReadAllLines(export.BaselineRows).Select(Encoding.UTF8.GetBytes).Concat(EdgeLines()).ToList();
        Assert.True(lines.Count > 10);

        // Twice: the first time fills the table, the second reads every repeated value from it.
        for (var round = 0; round < 2; round++)
        {
            foreach (var line in lines)
            {
                Assert.Equal(RowNdjson.Parse(line), RowNdjson.Parse(line, shareRepeated: true));
            }
        }
    }

    [Fact]
    public void A_repeated_value_is_one_string_and_the_patient_and_facts_are_never_pooled()
    {
        var first = RowNdjson.Parse(Line(Row("pat-1", "Condition/1")), shareRepeated: true);
        var second = RowNdjson.Parse(Line(Row("pat-1", "Condition/1")), shareRepeated: true);

        Assert.Same(first.Title, second.Title);
        Assert.Same(first.Finding, second.Finding);
        Assert.NotSame(first.Patient, second.Patient);
        Assert.NotSame(first.Facts, second.Facts);
    }

    [Fact]
    public void Many_more_values_than_the_table_has_slots_each_read_back_as_written()
    {
        // Values that collide in the table replace each other: each must still read back as itself.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 5000; i++)
            {
                var row = Row("pat-1", "Condition/1") with { Title = $"title {i}" };
                Assert.Equal(row, RowNdjson.Parse(Line(row), shareRepeated: true));
            }
        }
    }

    [Fact]
    public async Task Parquet_through_the_synchronous_stream_is_the_same_file_as_through_the_file_stream()
    {
        using var temp = new TempDirectory();
        var rows = RowNdjson.ReadAll(export.BaselineRows).Concat(EdgeLines().Select(l => RowNdjson.Parse(l))).ToList();
        var direct = temp.Sub("direct.parquet");
        var synchronous = temp.Sub("synchronous.parquet");

        await WriteParquetAsync(new FileStream(direct, FileMode.Create), rows);
        await WriteParquetAsync(new SynchronousWriteStream(new FileStream(synchronous, FileMode.Create)), rows);

        Assert.Equal(File.ReadAllBytes(direct), File.ReadAllBytes(synchronous));
        Assert.Equal(rows, ParquetRows.Read(synchronous));
    }

    private static async Task WriteParquetAsync(Stream stream, IEnumerable<FindingRow> rows)
    {
        await using (stream)
        {
            await using var parquet = await ParquetRowWriter.CreateAsync(stream);
            foreach (var row in rows)
            {
                await parquet.WriteAsync(row);
            }
        }
    }

    // What the fast path hands to GetString: escapes, non-ASCII text, a value longer than the stack buffer, an
    // empty value, and columns out of order or unknown.
    private static IEnumerable<byte[]> EdgeLines()
    {
        yield return Line(Row("pat-\"q\"", "Condition/1") with { Title = "Comma, \"quoted\" and \\ back\tslash" });
        yield return Line(Row("pat-ü", "Observation/2") with { Title = "Zweite Zeile\nnaïve – 痛み 😀", Codes = "" });
        yield return Line(Row("pat-2", "Condition/3") with { Title = new string('é', 400), Source = new string('x', 700) });
        yield return """{"title":"T","patient":"p1","extra":"x","finding":"f","family":"caution","severity":"major","codes":"","drug":"d","source":"s","facts":"Condition/1"}"""u8.ToArray();
    }

    private static byte[] Line(FindingRow row)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RowNdjson.Write(buffer, row);
        return buffer.WrittenSpan[..^1].ToArray();
    }

    private static FindingRow Row(string patient, string facts) => new()
    {
        Patient = patient,
        Finding = "snri-caution",
        Family = "caution",
        Severity = "moderate",
        Title = "A title",
        Codes = "http://snomed.info/sct|203082005",
        Drug = "duloxetine; pregabalin",
        Source = "neupsig-2015",
        Facts = facts,
    };
}
