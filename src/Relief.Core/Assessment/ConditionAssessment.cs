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
public sealed record ConditionEvidence(
    string ResourceId,
    Code Code,
    string Display,
    LocalDate? Onset,
    bool BroadMatch,
    bool Unconfirmed,
    string? CodingNote);
