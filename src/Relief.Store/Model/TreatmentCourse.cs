namespace Relief.Store.Model;

/// <summary>
/// One drug taken over time: what (codes), since when, each dose change, and when and why it stopped.
/// Adherence is recorded per day in <see cref="AdherenceRecord"/>.
/// </summary>
public sealed class TreatmentCourse : StoredEntry
{
    /// <summary>Codings of the drug as "system|code" (RxNorm for the engine).</summary>
    public List<string> DrugCodes { get; set; } = [];

    public required string DrugName { get; set; }

    /// <summary>current, proposed or past (as the engine's MedicationUse).</summary>
    public string Use { get; set; } = "current";

    /// <summary>The FHIR status it was recorded with (active, completed, stopped, intended...).</summary>
    public string FhirStatus { get; set; } = "active";

    public string? Intent { get; set; }

    public DateOnly? Start { get; set; }

    public DateOnly? Stop { get; set; }

    public string? StopReason { get; set; }

    public List<DoseChange> DoseChanges { get; set; } = [];
}

/// <summary>A dose from a date on: the first is the starting dose, each later one a change.</summary>
public sealed class DoseChange
{
    public long Id { get; set; }

    public long CourseId { get; set; }

    public DateOnly? EffectiveFrom { get; set; }

    public string? Text { get; set; }

    public decimal? DoseValue { get; set; }

    public string? DoseUnit { get; set; }

    public int? Frequency { get; set; }

    public decimal? Period { get; set; }

    public string? PeriodUnit { get; set; }

    public bool AsNeeded { get; set; }

    public string? Route { get; set; }

    public DateTime RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "unknown";
}
