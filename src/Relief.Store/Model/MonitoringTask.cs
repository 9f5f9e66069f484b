namespace Relief.Store.Model;

/// <summary>
/// A test to do, derived from the knowledge base's monitoring rules by the engine (a missing baseline, an
/// overdue follow-up, a threshold to act on). Re-derived for a patient whenever their record changes;
/// a task no longer found is closed, not deleted.
/// </summary>
public sealed class MonitoringTask
{
    public long Id { get; set; }

    public required string PatientId { get; set; }

    /// <summary>Identity of the task within the patient: rule, protocol, kind and tests.</summary>
    public required string Key { get; set; }

    public required string RuleId { get; set; }

    public required string ProtocolId { get; set; }

    /// <summary>threshold-breached, baseline-missing, overdue or consider.</summary>
    public required string Kind { get; set; }

    public List<string> TestIds { get; set; } = [];

    public DateOnly DueDate { get; set; }

    /// <summary>open or closed.</summary>
    public string State { get; set; } = "open";

    /// <summary>The unified finding severity wire name (info, moderate, major, contraindicated).</summary>
    public string Severity { get; set; } = "moderate";

    public required string Message { get; set; }

    public DateTime DerivedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public int Version { get; set; } = 1;
}
