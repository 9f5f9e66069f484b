using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// What to check for a drug (knowledge-format-safety.md §8.2): baselines before a start, a follow-up schedule, action thresholds.
/// It applies when any ingredient of <see cref="AnyOf"/> is current or proposed, or, for a combination
/// protocol, when every set of <see cref="AllOf"/> is.
/// </summary>
public sealed record MonitoringProtocol(
    string Id,
    string Name,
    ImmutableArray<string> Drugs,
    FrozenSet<string> AnyOf,
    ImmutableArray<string> DrugsAll,
    ImmutableArray<FrozenSet<string>> AllOf,
    ImmutableArray<string> Replaces,
    ImmutableArray<string> WhenAnyFactor,
    ImmutableArray<BaselineItem> Baseline,
    bool BaselineConvention,
    MonitoringSchedule? Schedule,
    ImmutableArray<Threshold> Thresholds)
{
    /// <summary>Every ingredient that can bring this protocol into play.</summary>
    public IEnumerable<string> Ingredients => AnyOf.Concat(AllOf.SelectMany(s => s));
}

/// <summary>A baseline requirement: results for the tests (each, or any one) inside the window around the reference date.</summary>
public sealed record BaselineItem(
    int Index,
    ImmutableArray<string> TestIds,
    bool AnyOf,
    int? WithinDays,
    int AfterStartDays,
    BaselineLevel Level,
    bool BeforeEachCourse,
    string? AlternativeFactorId,
    string? Note,
    ImmutableArray<string> SourceIds);

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
public sealed record Threshold(
    string Key,
    string OwnerId,
    string TestId,
    Comparator Comparator,
    decimal Value,
    string? Unit,
    MonitoringAction Action,
    string? Note,
    int? OverDays,
    bool Confirmed,
    ImmutableArray<string> SourceIds);

public sealed record ThresholdSet(string Id, ImmutableArray<Threshold> Thresholds);
