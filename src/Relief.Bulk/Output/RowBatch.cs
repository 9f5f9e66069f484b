using Relief.Fhir.Reading.Elements;
using Relief.Bulk.Screening;

namespace Relief.Bulk.Output;

/// <summary>
/// A run of merged rows handed from the merge to the writers: the NDJSON lines as they were stored (each ending
/// in a newline), and the same rows parsed when a writer first asks for them. The merge only orders and copies
/// bytes; parsing (a string per column, repeated values from the parsing thread's <see cref="RepeatedStrings"/>) is left to
/// the writer that asks first (the NDJSON writer, after copying the lines), on its own thread, so the merge is not
/// the stage every writer waits on. Immutable once handed on.
/// </summary>
internal sealed class RowBatch
{
    private readonly Lazy<FindingRow[]> rows;

    public RowBatch(byte[] lines, int length, int count)
    {
        Lines = lines.AsMemory(0, length);
        Count = count;
        rows = new Lazy<FindingRow[]>(Parse, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ReadOnlyMemory<byte> Lines { get; }

    /// <summary>How many rows (lines) the batch holds.</summary>
    public int Count { get; }

    public FindingRow[] Rows => rows.Value;

    private FindingRow[] Parse()
    {
        // A row's NDJSON never holds a raw newline (JSON escapes it inside strings): each line is one row.
        var parsed = new FindingRow[Count];
        var rest = Lines.Span;
        for (var i = 0; i < parsed.Length; i++)
        {
            var end = rest.IndexOf((byte)'\n');
            parsed[i] = RowNdjson.Parse(rest[..end], shareRepeated: true);
            rest = rest[(end + 1)..];
        }

        return parsed;
    }
}
