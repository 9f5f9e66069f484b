using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Codes;

namespace Relief.Core.Knowledge.Model;

/// <summary>A condition Relief has evidence for, as a value set of the codes that mean it.</summary>
public sealed record ConditionDefinition(
    string Id,
    string Name,
    string Kind,
    ImmutableArray<string> Synonyms,
    ImmutableArray<string> Inherits,
    ImmutableArray<ConditionCode> Codes,
    string? SourceId);

/// <summary>
/// One code of a condition's value set. <see cref="Broad"/> marks a code wider than the condition
/// ("Chronic pain" for chronic primary pain); ICD-10-CM codes carry the fiscal years they are valid in.
/// </summary>
public sealed record ConditionCode(Code Code, string Display, bool Broad, LocalDate? ValidFrom, LocalDate? ValidTo);
