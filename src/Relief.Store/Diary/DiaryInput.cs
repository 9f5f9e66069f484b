namespace Relief.Store.Diary;

/// <summary>
/// One diary entry as a patient (or the CLI, or the web form) submits it. Scores are 0-10 ratings; <see cref="At"/>
/// is UTC (now when absent); <see cref="PemSeverity"/> records a post-exertional malaise crash starting at
/// <see cref="At"/>; <see cref="Instruments"/> are answers of validated instruments by id.
/// </summary>
public sealed record DiaryInput
{
    public DateTime? At { get; init; }

    public int? Pain { get; init; }

    public int? Fatigue { get; init; }

    public int? Exertion { get; init; }

    public decimal? SleepHours { get; init; }

    public int? SleepQuality { get; init; }

    public int? Mood { get; init; }

    public IReadOnlyList<string> BodySites { get; init; } = [];

    public IReadOnlyList<string> PainQualities { get; init; } = [];

    public string? Notes { get; init; }

    public int? PemSeverity { get; init; }

    public IReadOnlyList<InstrumentAnswer> Instruments { get; init; } = [];
}

/// <summary>A score for one instrument of knowledge/follow-up/instruments.yaml, by its id.</summary>
public sealed record InstrumentAnswer(string InstrumentId, decimal Value);
