namespace Relief.Store.Model;

/// <summary>A condition (problem-list entry or diagnosis), with every coding it was recorded with.</summary>
public sealed class ConditionEntry : StoredEntry
{
    /// <summary>Codings as "system|code" (system URIs as FHIR writes them).</summary>
    public List<string> Codes { get; set; } = [];

    public string? Text { get; set; }

    public string ClinicalStatus { get; set; } = "unknown";

    public string VerificationStatus { get; set; } = "unknown";

    public DateOnly? Onset { get; set; }

    public DateOnly? Abatement { get; set; }

    public DateOnly? Recorded { get; set; }
}
