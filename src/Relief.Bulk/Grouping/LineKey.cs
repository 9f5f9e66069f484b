namespace Relief.Bulk.Grouping;

/// <summary>What the first pass learns of a line: its kind, resource type, the patient (or Medication id) and why it is bad.</summary>
public readonly record struct LineKey(LineKind Kind, string? ResourceType, string? Key, string? Problem)
{
    public static readonly LineKey Blank = new(LineKind.Blank, null, null, null);

    public static readonly LineKey OtherShard = new(LineKind.OtherShard, null, null, null);

    public static LineKey Bad(string problem, string? resourceType = null) => new(LineKind.Bad, resourceType, null, problem);
}
