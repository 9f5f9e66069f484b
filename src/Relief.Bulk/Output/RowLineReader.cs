using System.Text.Json;

namespace Relief.Bulk.Output;

/// <summary>
/// Reads a findings.ndjson file line by line without building rows: the current line's bytes (valid until the
/// next <see cref="MoveNext"/>) and its patient, read from the first property only. The merge orders by the
/// patient and copies the bytes; the rows are parsed once, later, by whoever needs the columns.
/// </summary>
internal sealed class RowLineReader : IDisposable
{
    private readonly FileStream file;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int filled;
    private bool ended;

    public RowLineReader(string path) =>
        file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    /// <summary>The current line, without its newline.</summary>
    public ReadOnlySpan<byte> Line => buffer.AsSpan(lineStart, lineLength);

    public string Patient { get; private set; } = "";

    private int lineStart;
    private int lineLength;

    public bool MoveNext()
    {
        while (true)
        {
            var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
            if (newline >= 0 || (ended && filled > start))
            {
                var length = newline >= 0 ? newline : filled - start;
                lineStart = start;
                lineLength = length;
                start += newline >= 0 ? length + 1 : length;
                if (length == 0)
                {
                    continue;
                }

                Patient = PatientOf(Line);
                return true;
            }

            if (ended)
            {
                return false;
            }

            // Keep the incomplete tail, grow when one line fills the buffer, read on.
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
                start = 0;
            }

            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = file.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            ended = read == 0;
        }
    }

    /// <summary>The value of the row's <c>patient</c> property (written first, but found wherever it is).</summary>
    internal static string PatientOf(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPatient = reader.ValueTextEquals("patient"u8);
            reader.Read();
            if (isPatient)
            {
                return reader.GetString() ?? "";
            }

            reader.Skip();
        }

        return "";
    }

    public void Dispose() => file.Dispose();
}
