using System.Collections.Immutable;

namespace Relief.Store.Application;

/// <summary>A page request: keyset paging by an opaque cursor (the last key seen) so pages stay stable under inserts.</summary>
public sealed record PageRequest(int Size = 50, string? After = null)
{
    public const int MaxSize = 1000;

    public int ClampedSize => Math.Clamp(Size, 1, MaxSize);

    /// <summary>
    /// Restricts a cross-patient listing to these patient ids (an API caller's panel), inside the query so pages
    /// stay full; null means every patient.
    /// </summary>
    public IReadOnlyCollection<string>? OnlyPatients { get; init; }
}

/// <summary>One page of results and the cursor of the next page (null on the last).</summary>
public sealed record Page<T>(ImmutableArray<T> Items, string? Next);
