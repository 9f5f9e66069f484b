using NodaTime;
using Relief.Core.Assessment.Findings;
using Relief.Reports.Timeline;
using Relief.Store.Application;

namespace Relief.Reports.VisitSummary;

/// <summary>
/// What a clinician needs in a ten-minute visit, from the store: what changed since the last visit, scores
/// over time, current medicines with dose and adherence, side effects, open safety findings, overdue tests and
/// the patient's own goals.
/// The HTML page and the PDF are two renderings of this one record.
/// </summary>
public sealed record VisitSummary
{
    public required string PatientId { get; init; }

    public string? Name { get; init; }

    public DateOnly? BirthDate { get; init; }

    public required LocalDate AsOf { get; init; }

    /// <summary>The previous visit (or the start of the window the clinician chose): "changed" means after this date.</summary>
    public required LocalDate Since { get; init; }

    public required string KnowledgeVersion { get; init; }

    public IReadOnlyList<string> Conditions { get; init; } = [];

    public IReadOnlyList<string> Changes { get; init; } = [];

    public IReadOnlyList<TimeSeriesChart> Scores { get; init; } = [];

    public IReadOnlyList<CourseView> Medicines { get; init; } = [];

    public IReadOnlyList<AdverseEventView> SideEffects { get; init; } = [];

    /// <summary>The patient's own goals, active first.</summary>
    public IReadOnlyList<GoalView> Goals { get; init; } = [];

    /// <summary>Findings at moderate or above, most severe first (the same triage as the patient page).</summary>
    public IReadOnlyList<Finding> OpenFindings { get; init; } = [];

    public IReadOnlyList<TaskView> OverdueTasks { get; init; } = [];

    /// <summary>Whether each current pain drug is working (the engine's response findings).</summary>
    public IReadOnlyList<Finding> Response { get; init; } = [];

    public IReadOnlyList<string> Pacing { get; init; } = [];
}
