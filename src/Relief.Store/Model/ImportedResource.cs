namespace Relief.Store.Model;

/// <summary>
/// The latest version of a FHIR resource imported for a patient, kept as received so imports are idempotent
/// (same content: nothing changes) and a newer version replaces an older one (the older text goes to the
/// amendment trail).
/// </summary>
public sealed class ImportedResource
{
    public long Id { get; set; }

    public required string PatientId { get; set; }

    public required string ResourceType { get; set; }

    public required string ResourceId { get; set; }

    public string? VersionId { get; set; }

    public DateTime? LastUpdated { get; set; }

    /// <summary>SHA-256 of the resource's JSON text, to recognise the same content.</summary>
    public required string ContentHash { get; set; }

    public required string Json { get; set; }

    public DateTime ImportedAt { get; set; }

    public int Version { get; set; } = 1;
}
