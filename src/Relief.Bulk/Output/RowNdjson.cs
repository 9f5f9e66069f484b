using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Relief.Bulk.Screening;

namespace Relief.Bulk.Output;

/// <summary>A row as one NDJSON line: the columns as string properties, always in the same order and escaping.</summary>
public static class RowNdjson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream into, FindingRow row)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            for (var column = 0; column < FindingRow.Columns.Length; column++)
            {
                writer.WriteString(FindingRow.Columns[column], row[column]);
            }

            writer.WriteEndObject();
        }

        into.Write(buffer.WrittenSpan);
        into.WriteByte((byte)'\n');
    }

    public static FindingRow Parse(ReadOnlySpan<byte> line)
    {
        var values = new string[FindingRow.Columns.Length];
        var reader = new Utf8JsonReader(line);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var column = Array.IndexOf(FindingRow.Columns, reader.GetString());
            reader.Read();
            if (column >= 0)
            {
                values[column] = reader.GetString() ?? "";
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
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = file.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var start = 0;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, filled - start);
                if (newline < 0)
                {
                    break;
                }

                if (newline > start)
                {
                    yield return Parse(buffer.AsSpan(start, newline - start));
                }

                start = newline + 1;
            }

            Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
            if (read == 0)
            {
                if (filled > 0)
                {
                    yield return Parse(buffer.AsSpan(0, filled));
                }

                yield break;
            }
        }
    }
}
