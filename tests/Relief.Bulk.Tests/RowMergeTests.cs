using System.Text;
using Relief.Bulk.Output;
using Relief.Bulk.Screening;
using Relief.Bulk.Summary;
using Relief.Bulk.Tests.Support;

namespace Relief.Bulk.Tests;

/// <summary>
/// The merge behind the outputs: part files sorted by patient become one file sorted by patient, in batches
/// handed to three writers at once; the NDJSON writer copies the stored lines, which must be the very bytes
/// re-serialising the rows would give.
/// </summary>
public sealed class RowMergeTests
{
    [Fact]
    public void Parts_merge_in_patient_order_across_many_batches_and_every_output_holds_the_same_rows()
    {
        using var temp = new TempDirectory();
        // Three parts, each patient in one part only, ~3 rows a patient: several merge batches of 4,096 rows.
        var rows = Enumerable.Range(0, 5000)
            .SelectMany(p => Enumerable.Range(0, 1 + (p % 3)).Select(r => Row($"pat-{p * 7919 % 5000:D5}", r)))
            .ToList();
        var parts = rows.GroupBy(r => int.Parse(r.Patient[4..], System.Globalization.CultureInfo.InvariantCulture) % 3)
            .Select((group, index) => WriteRows(temp.Sub($"part-{index}.ndjson"), group.OrderBy(r => r.Patient, StringComparer.Ordinal)))
            .ToList();
        Assert.True(rows.Count > 2 * 4096);

        var merged = RowMerge.Merge(parts).ToList();

        // Sorted by patient; each patient's rows in their part's order (r = 0, 1, 2).
        var expected = rows.OrderBy(r => r.Patient, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, merged);

        var output = temp.Sub("out");
        ScreenOutputs.Write(output, parts, new ScreenSummary());
        Assert.Equal(File.ReadAllBytes(WriteRows(temp.Sub("expected.ndjson"), expected)), File.ReadAllBytes(Path.Combine(output, ScreenOutputs.Rows)));
        Assert.Equal(expected, ParquetRows.Read(Path.Combine(output, ScreenOutputs.Parquet)));
        var csv = File.ReadAllText(Path.Combine(output, ScreenOutputs.Csv));
        Assert.Equal(expected.Count + 1 + expected.Count(r => r.Title.Contains('\n', StringComparison.Ordinal)), csv.Count(c => c == '\n'));
        Assert.StartsWith(string.Join(',', FindingRow.Columns) + "\n" + expected[0].Patient + ",", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_quotes_escapes_and_non_ascii_text_reads_back_as_written()
    {
        var row = Row("pat-\"1\"", 2);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        RowNdjson.Write(buffer, row);

        Assert.Equal((byte)'\n', buffer.WrittenSpan[^1]);
        Assert.Equal(row, RowNdjson.Parse(buffer.WrittenSpan[..^1]));
        Assert.Equal(row.Patient, RowLineReader.PatientOf(buffer.WrittenSpan[..^1]));
    }

    [Fact]
    public void Columns_in_another_order_or_unknown_ones_are_still_read_by_name()
    {
        var line = """{"title":"T","patient":"p1","extra":"x","finding":"f","family":"caution","severity":"major","codes":"","drug":"d","source":"s","facts":"Condition/1"}"""u8;

        var row = RowNdjson.Parse(line);

        Assert.Equal(new FindingRow { Patient = "p1", Finding = "f", Family = "caution", Severity = "major", Title = "T", Codes = "", Drug = "d", Source = "s", Facts = "Condition/1" }, row);
        Assert.Equal("p1", RowLineReader.PatientOf(line));
    }

    // Titles with what CSV and JSON must escape: commas, quotes, a line break, a backslash, non-ASCII text.
    private static FindingRow Row(string patient, int index) => new()
    {
        Patient = patient,
        Finding = $"rule-{index}",
        Family = "caution",
        Severity = index == 0 ? "major" : "moderate",
        Title = index switch { 0 => "Plain title", 1 => "Comma, \"quoted\" and \\ back", _ => "Zweite Zeile\nnaïve – 痛み" },
        Codes = "http://snomed.info/sct|203082005",
        Drug = "duloxetine; pregabalin",
        Source = "neupsig-2015",
        Facts = $"Condition/{patient}-{index}",
    };

    private static string WriteRows(string path, IEnumerable<FindingRow> rows)
    {
        using var file = new FileStream(path, FileMode.Create);
        foreach (var row in rows)
        {
            RowNdjson.Write(file, row);
        }

        return path;
    }
}
