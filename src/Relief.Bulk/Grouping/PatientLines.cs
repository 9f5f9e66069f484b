namespace Relief.Bulk.Grouping;

/// <summary>One patient's NDJSON lines, gathered from every file of the export, in a canonical order.</summary>
public sealed record PatientLines(string PatientId, IReadOnlyList<ReadOnlyMemory<byte>> Lines)
{
    /// <summary>Where each line came from, in the order of <see cref="Lines"/>; empty when not known.</summary>
    public IReadOnlyList<LineOrigin> Origins { get; init; } = [];
}
