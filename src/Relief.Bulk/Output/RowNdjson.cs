using Relief.Fhir.Reading.Elements;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Relief.Bulk.Screening;

namespace Relief.Bulk.Output;

/// <summary>A row as one NDJSON line: the columns as string properties, always in the same order and escaping.</summary>
public static class RowNdjson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One writer per thread, reset onto each target: a row costs no writer or buffer allocation.
    private static readonly byte[][] ColumnNames = [.. FindingRow.Columns.Select(System.Text.Encoding.UTF8.GetBytes)];

    [ThreadStatic]
    private static Utf8JsonWriter? cachedWriter;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? cachedBuffer;

    public static void Write(Stream into, FindingRow row)
    {
        var buffer = cachedBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        Write(buffer, row);
        into.Write(buffer.WrittenSpan);
    }

    /// <summary>Appends the row's line, newline included.</summary>
    public static void Write(IBufferWriter<byte> into, FindingRow row)
    {
        var writer = cachedWriter ??= new Utf8JsonWriter(into, WriterOptions);
        writer.Reset(into);
        writer.WriteStartObject();
        for (var column = 0; column < FindingRow.Columns.Length; column++)
        {
            writer.WriteString(FindingRow.Columns[column], row[column]);
        }

        writer.WriteEndObject();
        writer.Flush();
        into.Write("\n"u8);
    }

    public static FindingRow Parse(ReadOnlySpan<byte> line) => Parse(line, shareRepeated: false);

    /// <summary>
    /// Parses a row; with <paramref name="shareRepeated"/>, the columns that take few distinct values (all but the patient
    /// and the facts) come from the thread's table of strings already read (<see cref="RepeatedStrings"/>). Why: a screen's merged rows repeat the same
    /// rule, title, codes and sources hundreds of thousands of times; one string each instead of one per row takes
    /// most of the allocations (and the garbage collections) out of the writing phase. Same values either way.
    /// </summary>
    internal static FindingRow Parse(ReadOnlySpan<byte> line, bool shareRepeated)
    {
        var values = new string[FindingRow.Columns.Length];
        var reader = new Utf8JsonReader(line);
        reader.Read();
        var expected = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Columns come in their written order; anything else is looked up (or skipped when unknown).
            var column = expected < ColumnNames.Length && reader.ValueTextEquals(ColumnNames[expected])
                ? expected
                : Array.IndexOf(FindingRow.Columns, reader.GetString());
            expected = column + 1;
            reader.Read();
            if (column >= 0)
            {
                values[column] = shareRepeated && column is > 0 and < 8
                    ? RepeatedStrings.Of(ref reader)
                    : reader.GetString() ?? "";
            }
        }

        return new FindingRow
        {
            Patient = values[0],
            Finding = values[1],
            Family = values[2],
            Severity = values[3],
            Title = values[4],
            Codes = values[5],
            Drug = values[6],
            Source = values[7],
            Facts = values[8],
        };
    }

    /// <summary>The rows of a findings.ndjson file, in file order.</summary>
    public static IEnumerable<FindingRow> ReadAll(string path)
    {
        using var reader = new RowLineReader(path);
        while (reader.MoveNext())
        {
            yield return Parse(reader.Line);
        }
    }
}
