using Relief.Core.Assessment.Findings;
using Relief.Core.Knowledge;

namespace Relief.Bulk.Screening;

/// <summary>
/// One finding for one patient, flattened for a table: the same columns in NDJSON, CSV and Parquet. Lists
/// (codes, drugs, sources, facts) are joined with "; " in the order the finding gives them.
/// </summary>
public sealed record FindingRow(
    string Patient, string Finding, string Family, string Severity, string Title, string Codes, string Drug, string Source, string Facts)
{
    /// <summary>The column names, in order.</summary>
    public static readonly string[] Columns = ["patient", "finding", "family", "severity", "title", "codes", "drug", "source", "facts"];

    public static FindingRow From(string patient, Finding finding) => new(
        patient,
        finding.RuleId,
        WireName.Of(finding.Family),
        WireName.Of(finding.Severity),
        finding.Title,
        string.Join("; ", finding.Codes.Select(c => c.ToString())),
        string.Join("; ", finding.IngredientIds),
        string.Join("; ", finding.Sources.Select(s => s.Id)),
        string.Join("; ", finding.Facts.Select(f => f.Reference).Distinct(StringComparer.Ordinal)));

    public string this[int column] => column switch
    {
        0 => Patient,
        1 => Finding,
        2 => Family,
        3 => Severity,
        4 => Title,
        5 => Codes,
        6 => Drug,
        7 => Source,
        8 => Facts,
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };
}
