namespace Relief.Bulk.Summary;

/// <summary>How often one rule fired: rows (one per finding) and patients (each counted once).</summary>
public sealed class FindingTally
{
    public string Family { get; set; } = "";

    public string Severity { get; set; } = "";

    /// <summary>
    /// An example title: one rule reads differently per patient (it names their drugs), so the report shows the
    /// first in ordinal order among all patients — the same whichever part or shard saw it first.
    /// </summary>
    public string Title { get; set; } = "";

    public long Rows { get; set; }

    public long Patients { get; set; }

    /// <summary>Severity wire names, least to most severe.</summary>
    public static readonly string[] SeverityOrder = ["info", "moderate", "major", "contraindicated"];

    /// <summary>One rule can fire at different severities (a monitoring protocol: overdue, or a threshold crossed); the tally keeps the worst.</summary>
    public static string Worse(string a, string b) => Array.IndexOf(SeverityOrder, b) > Array.IndexOf(SeverityOrder, a) ? b : a;

    public static string Earlier(string a, string b) =>
        a.Length == 0 ? b : b.Length == 0 ? a : string.CompareOrdinal(a, b) <= 0 ? a : b;

    public void Add(FindingTally other)
    {
        Family = Earlier(Family, other.Family);
        Severity = Worse(Severity, other.Severity);
        Title = Earlier(Title, other.Title);
        Rows += other.Rows;
        Patients += other.Patients;
    }
}
