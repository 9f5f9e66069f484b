namespace Relief.Store.Model;

/// <summary>
/// Who read or changed which record and when. Append-only: the store only ever inserts rows here; the
/// HTTP layer adds the actor from the authenticated user. No clinical values are written here.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public required string Actor { get; set; }

    /// <summary>read, create, update, import, export.</summary>
    public required string Action { get; set; }

    public string? PatientId { get; set; }

    public required string EntityType { get; set; }

    public string? EntityId { get; set; }
}
