namespace Relief.Bulk.Summary;

/// <summary>A line the screen could not use: which file, which line (1-based), and why. The run goes on without it.</summary>
public sealed record BadLine(string File, long Line, string Reason) : IComparable<BadLine>
{
    public int CompareTo(BadLine? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byFile = string.CompareOrdinal(File, other.File);
        return byFile != 0 ? byFile : Line.CompareTo(other.Line);
    }

    public override string ToString() => $"{File}:{Line}: {Reason}";
}
