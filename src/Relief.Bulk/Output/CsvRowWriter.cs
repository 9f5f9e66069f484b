using System.Text;
using Relief.Bulk.Screening;

namespace Relief.Bulk.Output;

/// <summary>findings.csv: RFC 4180 (a header row; fields with a comma, quote or line break are quoted, quotes doubled), UTF-8, LF.</summary>
public sealed class CsvRowWriter(Stream stream) : IDisposable
{
    private readonly StreamWriter writer = new(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    private bool headerWritten;

    public void Write(FindingRow row)
    {
        if (!headerWritten)
        {
            WriteHeader();
        }

        for (var column = 0; column < FindingRow.Columns.Length; column++)
        {
            if (column > 0)
            {
                writer.Write(',');
            }

            Field(row[column]);
        }

        writer.WriteLine();
    }

    public void WriteHeader()
    {
        if (!headerWritten)
        {
            writer.WriteLine(string.Join(',', FindingRow.Columns));
            headerWritten = true;
        }
    }

    private void Field(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    public void Dispose()
    {
        WriteHeader();
        writer.Dispose();
    }
}
