namespace Relief.Bulk.Summary;

/// <summary>How often one rule fired: rows (one per finding) and patients (each counted once).</summary>
public sealed class FindingTally
{
    public string Family { get; set; } = "";

    public string Severity { get; set; } = "";

    public string Title { get; set; } = "";

    public long Rows { get; set; }

    public long Patients { get; set; }

    public void Add(FindingTally other)
    {
        Family = other.Family;
        Severity = other.Severity;
        Title = other.Title;
        Rows += other.Rows;
        Patients += other.Patients;
    }
}
