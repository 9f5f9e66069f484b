using System.Collections.Immutable;

namespace Relief.Store.Application;

// What the store hands out: plain records with the version (the ETag) of each entry, never EF entities.

public sealed record PatientSummary
{
    public required string Id { get; init; }

    public required string? Name { get; init; }

    public required DateOnly? BirthDate { get; init; }

    public required string Sex { get; init; }

    public required int Version { get; init; }

    public required int OpenTasks { get; init; }

    public required DateTime? LastDiaryEntry { get; init; }
}

public sealed record CourseView
{
    public required long Id { get; init; }

    public required string DrugName { get; init; }

    public required ImmutableArray<string> DrugCodes { get; init; }

    public required string Use { get; init; }

    public required DateOnly? Start { get; init; }

    public required DateOnly? Stop { get; init; }

    public required string? StopReason { get; init; }

    public required string? CurrentDose { get; init; }

    public required int Version { get; init; }

    public AdherenceSummary? Adherence { get; init; }
}

public sealed record AdherenceSummary(int Taken, int Partly, int Missed);

public sealed record MeasurementView(long Id, string InstrumentId, string Code, decimal Value, DateTime EffectiveAt, int Version);

public sealed record DiaryEntryView
{
    public required long Id { get; init; }

    /// <summary>The time the entry describes (the patient may backdate it, or it was queued offline).</summary>
    public required DateTime At { get; init; }

    /// <summary>When the store received the entry.</summary>
    public DateTime RecordedAt { get; init; }

    public required int? Pain { get; init; }

    public required int? Fatigue { get; init; }

    public required int? Exertion { get; init; }

    public required decimal? SleepHours { get; init; }

    public required int? SleepQuality { get; init; }

    public required int? Mood { get; init; }

    public required ImmutableArray<string> BodySites { get; init; }

    public required ImmutableArray<string> PainQualities { get; init; }

    public required string? Notes { get; init; }

    public required string Status { get; init; }

    public required int Version { get; init; }

    public ImmutableArray<MeasurementView> Measurements { get; init; } = [];

    public string ETag => $"W/\"{Version}\"";
}

/// <summary>A diary entry and the patient it belongs to.</summary>
public sealed record PatientDiaryEntry(string PatientId, DiaryEntryView Entry);

public sealed record PemEpisodeView(long Id, DateTime StartedAt, DateTime? EndedAt, int Severity, ImmutableArray<ExertionView> PriorExertion, int Version);

public sealed record ExertionView(long DiaryEntryId, DateTime At, int Exertion);

public sealed record AdverseEventView(long Id, DateOnly Onset, string Description, string Severity, string? SuspectedDrug, int Version);

public sealed record LabResultView
{
    public required long Id { get; init; }

    public required string Code { get; init; }

    public required string? Display { get; init; }

    public required decimal? Value { get; init; }

    public required string? Unit { get; init; }

    public required DateOnly? Effective { get; init; }

    public required int Version { get; init; }
}

public sealed record AmendmentView
{
    public required long Id { get; init; }

    public required string EntityType { get; init; }

    public required long EntityId { get; init; }

    public required int ReplacedVersion { get; init; }

    public required DateTime ChangedAt { get; init; }

    public required string ChangedBy { get; init; }

    public required string? Reason { get; init; }

    public required string ChangedFields { get; init; }
}

/// <summary>Everything the store holds for one patient, for `relief patients show` and the patient page.</summary>
public sealed record PatientOverview
{
    public required PatientSummary Patient { get; init; }

    public required ImmutableArray<string> Conditions { get; init; }

    public required ImmutableArray<CourseView> Courses { get; init; }

    public required ImmutableArray<DiaryEntryView> RecentDiary { get; init; }

    public required ImmutableArray<PemEpisodeView> PemEpisodes { get; init; }

    public required ImmutableArray<AdverseEventView> AdverseEvents { get; init; }

    public required ImmutableArray<LabResultView> RecentLabs { get; init; }

    public required ImmutableArray<TaskView> OpenTasks { get; init; }

    public required int DiaryEntryCount { get; init; }

    public required int MeasurementCount { get; init; }

    /// <summary>The patient's own goals, active first (for the patient page and `relief patients show`).</summary>
    public ImmutableArray<GoalView> Goals { get; init; } = [];
}

/// <summary>A patient goal; the target is "Instrument Comparator TargetValue" when the goal has one.</summary>
public sealed record GoalView
{
    public required long Id { get; init; }

    public required string Text { get; init; }

    public required string? InstrumentId { get; init; }

    public required string? InstrumentName { get; init; }

    public required string? MeasureCode { get; init; }

    public required string? Comparator { get; init; }

    public required decimal? TargetValue { get; init; }

    public required DateOnly Start { get; init; }

    public required DateOnly? DueDate { get; init; }

    public required string Lifecycle { get; init; }

    public required string? Achievement { get; init; }

    public required string? Note { get; init; }

    public required int Version { get; init; }

    public string? Target => InstrumentName is null || TargetValue is null ? null : $"{InstrumentName} {Comparator} {TargetValue:0.##}";
}
