namespace Relief.Store.Model;

/// <summary>
/// One change to a stored entry: which entry, the version it replaced, who changed it, when and why, and the
/// full previous values (JSON), so nothing is ever overwritten without trace. Append-only.
/// </summary>
public sealed class Amendment
{
    public long Id { get; set; }

    public required string PatientId { get; set; }

    /// <summary>The entry's table name (DiaryEntry, TreatmentCourse, ImportedResource...).</summary>
    public required string EntityType { get; set; }

    public long EntityId { get; set; }

    /// <summary>The version these previous values belonged to.</summary>
    public int ReplacedVersion { get; set; }

    public DateTime ChangedAt { get; set; }

    public required string ChangedBy { get; set; }

    public string? Reason { get; set; }

    /// <summary>Names of the fields that changed, comma-separated.</summary>
    public required string ChangedFields { get; set; }

    public required string PreviousJson { get; set; }
}
