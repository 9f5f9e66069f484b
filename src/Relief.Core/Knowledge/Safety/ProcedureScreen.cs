using System.Collections.Frozen;
using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// A monitoring item answered by a Procedure, not a laboratory result (knowledge-format-safety.md §8.2a): an eye
/// examination for hydroxychloroquine (AAO 2016). It is satisfied by a completed Procedure whose code is in
/// <see cref="Codes"/>; its phases say when one is due, counted in weeks from the start of the course.
/// </summary>
public sealed record ProcedureScreen
{
    /// <summary>Unique within the protocol; findings carry it where lab findings carry a test id.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required ImmutableArray<Code> Codes { get; init; }

    public required FrozenSet<Code> CodeSet { get; init; }

    /// <summary>A procedure this many days before the start still counts (a baseline examination done just before).</summary>
    public required int BeforeStartDays { get; init; }

    public required int GraceDays { get; init; }

    public required ImmutableArray<ScreenPhase> Phases { get; init; }

    /// <summary>True when a number here (grace, before-start window) is Relief's choice, not the source's.</summary>
    public required bool LocalConvention { get; init; }

    public required string? Note { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }

    /// <summary>The phase in force in week <paramref name="week"/> since the start.</summary>
    public ScreenPhase PhaseAt(int week) =>
        Phases.FirstOrDefault(p => p.FromWeek <= week && (p.ToWeek is not { } to || week < to)) ?? Phases[^1];
}

/// <summary>What a phase asks for, <c>[FromWeek, ToWeek)</c> weeks after the start.</summary>
public enum ScreenPhaseKind
{
    /// <summary>One procedure by the end of the phase (a baseline examination within the first year).</summary>
    Once,

    /// <summary>Nothing falls due in the phase (years 1 to 5 of hydroxychloroquine at an acceptable dose).</summary>
    None,

    /// <summary>One procedure every <see cref="ScreenPhase.EveryWeeks"/> weeks, the first due when the phase begins.</summary>
    Every,
}

public sealed record ScreenPhase(int FromWeek, int? ToWeek, ScreenPhaseKind Kind, int? EveryWeeks);
