namespace Relief.Bulk.Grouping;

/// <summary>
/// Where a spilled line came from: the input file (its index among the run's input names in ordinal order, so a
/// resumed run given the same files in another order names the same file) and the line number (1-based).
/// </summary>
public readonly record struct LineOrigin(int File, long Line);
