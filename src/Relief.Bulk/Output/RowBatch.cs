using Relief.Bulk.Screening;

namespace Relief.Bulk.Output;

/// <summary>
/// A run of merged rows handed from the merge to the writers: the NDJSON lines as they were stored (each ending
/// in a newline) and the same rows parsed. Immutable once handed on, so every writer reads it at the same time.
/// </summary>
internal sealed class RowBatch(byte[] lines, int length, FindingRow[] rows)
{
    public ReadOnlyMemory<byte> Lines { get; } = lines.AsMemory(0, length);

    public FindingRow[] Rows { get; } = rows;
}
