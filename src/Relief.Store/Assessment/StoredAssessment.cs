using System.Collections.Immutable;
using Relief.Core.Assessment;

namespace Relief.Store.Assessment;

/// <summary>
/// The engine's assessment of a stored patient (built from the whole history), plus what only the store can
/// say: ME/CFS pacing advice from crashes and exertion, and the weekly pain trend from the diary.
/// </summary>
public sealed record StoredAssessment(
    PatientAssessment Assessment,
    ImmutableArray<PacingFinding> Pacing,
    ImmutableArray<WeeklyPain> PainTrend)
{
    /// <summary>The record the engine read (built from the history), for charts of scores and labs over time.</summary>
    public Relief.Core.Patients.PatientRecord? Record { get; init; }
}

/// <summary>Mean diary pain (0-10) of the ISO week starting on <see cref="WeekStart"/>, with the number of ratings.</summary>
public sealed record WeeklyPain(DateOnly WeekStart, decimal Mean, int Ratings);
