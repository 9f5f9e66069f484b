using System.Collections.Immutable;

namespace Relief.Store.Application;

/// <summary>An open or closed monitoring task, as `relief tasks due`, the API and the pages show it.</summary>
public sealed record TaskView
{
    public required long Id { get; init; }

    public required string PatientId { get; init; }

    public required string Kind { get; init; }

    public required string RuleId { get; init; }

    public required ImmutableArray<string> TestIds { get; init; }

    public required DateOnly DueDate { get; init; }

    public required string Severity { get; init; }

    public required string Message { get; init; }

    public required string State { get; init; }

    public required int Version { get; init; }
}
