using Relief.Core.Assessment.Findings;
using Relief.Core.Knowledge;

namespace Relief.Bulk.Screening;

/// <summary>
/// One finding for one patient, flattened for a table: the same columns in NDJSON, CSV and Parquet. Lists
/// (codes, drugs, sources, facts) are joined with "; " in the order the finding gives them.
/// </summary>
public sealed record FindingRow
{
    public required string Patient { get; init; }

    public required string Finding { get; init; }

    public required string Family { get; init; }

    public required string Severity { get; init; }

    public required string Title { get; init; }

    public required string Codes { get; init; }

    public required string Drug { get; init; }

    public required string Source { get; init; }

    public required string Facts { get; init; }

    /// <summary>The column names, in order.</summary>
    public static readonly string[] Columns = ["patient", "finding", "family", "severity", "title", "codes", "drug", "source", "facts"];

    public static FindingRow From(string patient, Finding finding) => new FindingRow
    {
        Patient = patient,
        Finding = finding.RuleId,
        Family = WireName.Of(finding.Family),
        Severity = WireName.Of(finding.Severity),
        Title = finding.Title,
        Codes = string.Join("; ", finding.Codes.Select(c => c.ToString())),
        Drug = string.Join("; ", finding.IngredientIds),
        Source = string.Join("; ", finding.Sources.Select(s => s.Id)),
        Facts = string.Join("; ", finding.Facts.Select(f => f.Reference).Distinct(StringComparer.Ordinal)),
    };

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
