namespace Relief.Store.Model;

/// <summary>
/// One timestamped diary entry (several a day are normal): pain with body sites and qualities, fatigue,
/// exertion, sleep, mood and notes. Scores are 0-10 numeric ratings; instrument answers given with the entry are
/// <see cref="OutcomeMeasurement"/>s pointing back here.
/// </summary>
public sealed class DiaryEntry : StoredEntry
{
    public DateTime At { get; set; }

    public int? Pain { get; set; }

    public int? Fatigue { get; set; }

    /// <summary>Exertion relative to the patient's energy envelope, 0-10 (the energy-envelope instrument).</summary>
    public int? Exertion { get; set; }

    public decimal? SleepHours { get; set; }

    public int? SleepQuality { get; set; }

    public int? Mood { get; set; }

    /// <summary>Body-map region ids (knowledge/follow-up/body-map.yaml).</summary>
    public List<string> BodySites { get; set; } = [];

    /// <summary>Pain quality ids (burning, shooting, tingling, numbness, aching, stabbing).</summary>
    public List<string> PainQualities { get; set; } = [];

    public string? Notes { get; set; }
}
