using System.Collections.Immutable;

namespace Relief.Core.Assessment.Safety;

/// <summary>What is unsafe for this patient: cautions, interactions and dose problems, in the one finding order (FindingOrder: most severe first).</summary>
public sealed record SafetyReport(
    ImmutableArray<CautionFinding> Cautions,
    ImmutableArray<InteractionFinding> Interactions,
    ImmutableArray<DoseFinding> Doses)
{
    public static readonly SafetyReport Empty = new([], [], []);
}
