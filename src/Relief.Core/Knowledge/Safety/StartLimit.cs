using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// A "do not start" limit for a proposed drug (knowledge-format-safety.md §8.2b): the JAK inhibitor labels say not to
/// initiate below a lymphocyte count of 500/mm3, for instance. Judged on the most recent result of the test within
/// <see cref="WithinDays"/> before asOf; with no such result nothing is judged here (the baseline item says it is missing).
/// </summary>
public sealed record StartLimit
{
    /// <summary>Identifies it in findings ("jak-inhibitor/start/lymphocytes-lt-500").</summary>
    public required string Key { get; init; }

    public required string TestId { get; init; }

    /// <summary>Only <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&gt;=</c>.</summary>
    public required Comparator Comparator { get; init; }

    public required decimal Value { get; init; }

    public required string Unit { get; init; }

    /// <summary>The ingredients the limit is for; empty = every drug of the protocol (labels differ: haemoglobin 9 or 8 g/dL).</summary>
    public required FrozenSet<string> Drugs { get; init; }

    public required int WithinDays { get; init; }

    public required bool LocalConvention { get; init; }

    public required string? Note { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }
}
