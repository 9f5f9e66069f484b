namespace Relief.Store.Model;

/// <summary>
/// What every clinical entry of the store shares: its patient, who recorded it and when, a version that is
/// both the amendment counter and the optimistic concurrency token, and a status instead of deletion
/// (an entry found wrong is marked entered-in-error; its earlier versions stay in <see cref="Amendment"/>).
/// </summary>
public abstract class StoredEntry
{
    public long Id { get; set; }

    public required string PatientId { get; set; }

    public DateTime RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "unknown";

    /// <summary>1 when created; each amendment adds 1. Checked on every update (stale writes fail).</summary>
    public int Version { get; set; } = 1;

    /// <summary>current, or entered-in-error (nothing is deleted).</summary>
    public string Status { get; set; } = EntryStatus.Current;

    /// <summary>The FHIR resource this entry came from ("Observation/abc"), when imported.</summary>
    public string? SourceResource { get; set; }
}

public static class EntryStatus
{
    public const string Current = "current";
    public const string EnteredInError = "entered-in-error";
}
