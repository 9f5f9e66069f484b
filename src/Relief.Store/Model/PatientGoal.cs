namespace Relief.Store.Model;

/// <summary>
/// A goal the patient set with their clinician ("walk the dog every day", "pain 4 or less"), in their own words,
/// optionally with a target on one of the store's instruments (a measure, a comparison and a value, by a date).
/// Status follows FHIR Goal (lifecycle and achievement); every change goes to the amendment trail.
/// </summary>
public sealed class PatientGoal : StoredEntry
{
    public required string Text { get; set; }

    /// <summary>The instrument the target is measured on (knowledge/follow-up instruments), if any.</summary>
    public string? InstrumentId { get; set; }

    /// <summary>The instrument's code ("system|code", LOINC or the local code system), kept for export.</summary>
    public string? MeasureCode { get; set; }

    /// <summary>&lt;= (at most: pain, fatigue) or &gt;= (at least: function).</summary>
    public string? TargetComparator { get; set; }

    public decimal? TargetValue { get; set; }

    public DateOnly Start { get; set; }

    public DateOnly? DueDate { get; set; }

    /// <summary>FHIR Goal.lifecycleStatus (proposed, planned, accepted, active, on-hold, completed, cancelled, rejected).</summary>
    public string Lifecycle { get; set; } = GoalStatus.Active;

    /// <summary>FHIR goal-achievement code (in-progress, improving, achieved...), or none yet.</summary>
    public string? Achievement { get; set; }

    public string? Note { get; set; }
}

public static class GoalStatus
{
    public const string Active = "active";

    /// <summary>FHIR's goal-status codes but entered-in-error, which is the entry's <see cref="StoredEntry.Status"/> here.</summary>
    public static readonly string[] Lifecycles = ["proposed", "planned", "accepted", "active", "on-hold", "completed", "cancelled", "rejected"];

    /// <summary>http://terminology.hl7.org/CodeSystem/goal-achievement.</summary>
    public static readonly string[] Achievements = ["in-progress", "improving", "worsening", "no-change", "achieved", "sustaining", "not-achieved", "no-progress", "not-attainable"];

    public const string AchievementSystem = "http://terminology.hl7.org/CodeSystem/goal-achievement";

    public static readonly string[] Comparators = ["<=", ">="];
}
