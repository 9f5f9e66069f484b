namespace Relief.Store.Model;

/// <summary>A patient in the store, addressed by the id of its FHIR Patient resource.</summary>
public sealed class StoredPatient
{
    /// <summary>The FHIR Patient id (the contract every command and the API address a patient by).</summary>
    public required string Id { get; set; }

    public string? Name { get; set; }

    public DateOnly? BirthDate { get; set; }

    /// <summary>FHIR administrative gender: female, male, other or unknown.</summary>
    public string Sex { get; set; } = "unknown";

    public DateTime CreatedAt { get; set; }

    /// <summary>Optimistic concurrency token; the API's ETag. Incremented on every change.</summary>
    public int Version { get; set; }
}
