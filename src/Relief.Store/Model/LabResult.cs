namespace Relief.Store.Model;

/// <summary>A laboratory result or other measured value (weight, blood pressure) the engine's monitoring and safety rules read.</summary>
public sealed class LabResult : StoredEntry
{
    /// <summary>Codings as "system|code" (LOINC for the engine).</summary>
    public List<string> Codes { get; set; } = [];

    public string? Display { get; set; }

    public decimal? Value { get; set; }

    public string? Unit { get; set; }

    /// <summary>The UCUM code of the unit.</summary>
    public string? UnitCode { get; set; }

    public string? ValueText { get; set; }

    public DateOnly? Effective { get; set; }

    /// <summary>FHIR Observation.status (final, amended, preliminary, cancelled...).</summary>
    public string FhirStatus { get; set; } = "final";

    public decimal? ReferenceLow { get; set; }

    public decimal? ReferenceHigh { get; set; }
}
