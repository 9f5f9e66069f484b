using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Codes;

namespace Relief.Core.Knowledge.Model;

/// <summary>A condition Relief has evidence for, as a value set of the codes that mean it.</summary>
public sealed record ConditionDefinition
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required ConditionKind Kind { get; init; }

    public required ImmutableArray<string> Synonyms { get; init; }

    public required ImmutableArray<string> Inherits { get; init; }

    public required ImmutableArray<ConditionCode> Codes { get; init; }

    public required string? SourceId { get; init; }

    /// <summary>
    /// When a match made only through broad codes does not stand: chronic primary pain (NICE NG193) is not a
    /// patient's "chronic pain" code when the pain is secondary to neuropathy, arthritis, lupus, MS or cancer.
    /// </summary>
    public ConditionExclusion ExcludedWhen { get; init; } = ConditionExclusion.None;
}

/// <summary>
/// Conditions (a condition, or any condition that inherits it) and codes whose presence in the record sets aside
/// a broad-code match of the condition that declares them.
/// </summary>
public sealed record ConditionExclusion(ImmutableArray<string> Conditions, ImmutableArray<Code> Codes, string? Reason)
{
    public static readonly ConditionExclusion None = new([], [], null);

    public bool IsEmpty => Conditions.IsEmpty && Codes.IsEmpty;
}

/// <summary>
/// One code of a condition's value set. <see cref="Broad"/> marks a code wider than the condition
/// ("Chronic pain" for chronic primary pain); ICD-10-CM codes carry the fiscal years they are valid in.
/// </summary>
public sealed record ConditionCode(Code Code, string Display, bool Broad, LocalDate? ValidFrom, LocalDate? ValidTo);
