namespace Relief.Store.Model;

/// <summary>A side effect or other adverse event, with its severity and the drug suspected of causing it.</summary>
public sealed class AdverseEventEntry : StoredEntry
{
    public DateOnly Onset { get; set; }

    public required string Description { get; set; }

    /// <summary>FHIR AdverseEvent.severity: mild, moderate or severe.</summary>
    public string Severity { get; set; } = "mild";

    public long? SuspectedCourseId { get; set; }

    /// <summary>The suspected drug's code ("system|code") when known without a course.</summary>
    public string? SuspectedDrugCode { get; set; }

    public string? SuspectedDrugName { get; set; }
}
