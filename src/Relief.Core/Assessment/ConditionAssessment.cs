using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Codes;

namespace Relief.Core.Assessment;

/// <summary>A condition in Relief's scope that the record shows, with its options ranked.</summary>
public sealed record ConditionAssessment(
    string ConditionId,
    string Name,
    ImmutableArray<ConditionEvidence> RecordedAs,
    ImmutableArray<TherapyOption> Options);

/// <summary>
/// The record entry that established the condition: the resource, the code that matched, and whether the
/// match is only broad ("Chronic pain" for chronic primary pain) or unconfirmed.
/// </summary>
public sealed record ConditionEvidence
{
    public required string ResourceId { get; init; }

    public required Code Code { get; init; }

    public required string Display { get; init; }

    public required LocalDate? Onset { get; init; }

    public required bool BroadMatch { get; init; }

    public required bool Unconfirmed { get; init; }

    public required string? CodingNote { get; init; }
}

/// <summary>
/// A condition the record matched only through broad codes and that Relief set aside because the record shows
/// what the condition excludes (chronic primary pain beside neuropathic pain): its statements are not shown.
/// </summary>
public sealed record SetAsideCondition(
    string ConditionId,
    string Name,
    ImmutableArray<ConditionEvidence> RecordedAs,
    ImmutableArray<string> Because,
    string Reason);
