using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// What to check for a drug (knowledge-format-safety.md §8.2): baselines before a start, a follow-up schedule, action thresholds.
/// It applies when any ingredient of <see cref="AnyOf"/> is current or proposed, or, for a combination
/// protocol, when every set of <see cref="AllOf"/> is.
/// </summary>
public sealed record MonitoringProtocol
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required ImmutableArray<string> Drugs { get; init; }

    public required FrozenSet<string> AnyOf { get; init; }

    public required ImmutableArray<string> DrugsAll { get; init; }

    public required ImmutableArray<FrozenSet<string>> AllOf { get; init; }

    public required ImmutableArray<string> Replaces { get; init; }

    public required ImmutableArray<string> WhenAnyFactor { get; init; }

    public required ImmutableArray<BaselineItem> Baseline { get; init; }

    public required bool BaselineConvention { get; init; }

    public required MonitoringSchedule? Schedule { get; init; }

    public required ImmutableArray<Threshold> Thresholds { get; init; }

    /// <summary>Items answered by a Procedure (an eye examination), with their own schedules (§8.2a).</summary>
    public ImmutableArray<ProcedureScreen> ProcedureScreens { get; init; } = [];

    /// <summary>"Do not start" limits judged for a proposed drug on its most recent result (§8.2b).</summary>
    public ImmutableArray<StartLimit> StartLimits { get; init; } = [];

    /// <summary>Every ingredient that can bring this protocol into play.</summary>
    public IEnumerable<string> Ingredients => AnyOf.Concat(AllOf.SelectMany(s => s));
}

/// <summary>A baseline requirement: results for the tests (each, or any one) inside the window around the reference date.</summary>
public sealed record BaselineItem
{
    public required int Index { get; init; }

    public required ImmutableArray<string> TestIds { get; init; }

    public required bool AnyOf { get; init; }

    public required int? WithinDays { get; init; }

    public required int AfterStartDays { get; init; }

    public required BaselineLevel Level { get; init; }

    public required bool BeforeEachCourse { get; init; }

    public required string? AlternativeFactorId { get; init; }

    public required string? Note { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }
}

public sealed record MonitoringSchedule(
    ImmutableArray<string> TestIds,
    ScheduleClock Clock,
    int GraceDays,
    ImmutableArray<SchedulePhase> Phases,
    ImmutableArray<string> SourceIds)
{
    /// <summary>The phase in force in week <paramref name="week"/> since the clock started.</summary>
    public SchedulePhase PhaseAt(int week) =>
        Phases.FirstOrDefault(p => p.FromWeek <= week && (p.ToWeek is not { } to || week < to)) ?? Phases[^1];
}

/// <summary><c>[FromWeek, ToWeek)</c>, every <see cref="EveryWeeks"/> weeks; no ToWeek is open-ended.</summary>
public sealed record SchedulePhase(int FromWeek, int? ToWeek, int EveryWeeks);

/// <summary>
/// An action threshold (knowledge-format-safety.md §8.2). <see cref="Key"/> identifies it in findings ("bsr-2017-dmard/wbc-lt-3.5").
/// <see cref="Unit"/> is null for rise-percent and multiple-of-uln, which compare in the test's own unit.
/// </summary>
public sealed record Threshold
{
    public required string Key { get; init; }

    public required string OwnerId { get; init; }

    public required string TestId { get; init; }

    public required Comparator Comparator { get; init; }

    public required decimal Value { get; init; }

    public required string? Unit { get; init; }

    public required MonitoringAction Action { get; init; }

    public required string? Note { get; init; }

    public required int? OverDays { get; init; }

    public required bool Confirmed { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }
}

public sealed record ThresholdSet(string Id, ImmutableArray<Threshold> Thresholds);
