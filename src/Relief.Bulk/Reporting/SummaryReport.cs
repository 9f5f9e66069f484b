using System.Globalization;
using Relief.Bulk.Summary;
using Relief.Core.Assessment;

namespace Relief.Bulk.Reporting;

/// <summary>The screening report's content, from the summary alone: counts per finding, drug and severity, the top findings, age bands.</summary>
public static class SummaryReport
{
    public const int TopCount = 15;

    private static readonly Dictionary<string, string> SeverityColours = new(StringComparer.Ordinal)
    {
        ["info"] = "#7f8c8d",
        ["moderate"] = "#e6a100",
        ["major"] = "#d35400",
        ["contraindicated"] = "#c0392b",
        ["none"] = "#27ae60",
    };

    private static readonly HashSet<int> Numbers2 = [1, 2];

    public static IReadOnlyList<ReportBlock> Build(ScreenSummary summary)
    {
        var blocks = new List<ReportBlock>
        {
            new Heading(1, "Relief population screen"),
            new Paragraph($"**{PatientAssessment.Disclaimer}** A screen lists patients for a clinician to review; each row says why and cites its source."),
            new Paragraph($"Assessed as of {summary.AsOf} with knowledge {summary.Knowledge}."),
            new Heading(2, "Overview"),
            Overview(summary),
            new BarChart("severity", "Findings by severity", [.. FindingTally.SeverityOrder.Reverse().Select(s => new Bar(s, Get(summary.Severities, s), SeverityColours[s]))]),
        };

        var top = summary.Findings
            .OrderByDescending(f => f.Value.Patients).ThenByDescending(f => f.Value.Rows).ThenBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        blocks.Add(new Heading(2, $"Top findings (by patients, first {TopCount})"));
        blocks.Add(new BarChart("top-findings", "Patients per finding", [.. top.Take(TopCount).Select(f => new Bar(f.Key, f.Value.Patients, SeverityColours[f.Value.Severity]))]));
        blocks.Add(FindingTable(top.Take(TopCount)));

        var drugs = summary.Drugs.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();
        blocks.Add(new Heading(2, $"Findings per drug (first {TopCount})"));
        blocks.Add(new BarChart("drugs", "Findings per drug", [.. drugs.Take(TopCount).Select(d => new Bar(d.Key, d.Value, "#2c7fb8"))]));
        blocks.Add(new Table(["drug", "findings"], [.. drugs.Select(d => (IReadOnlyList<string>)[d.Key, N(d.Value)])], new HashSet<int> { 1 }));

        blocks.Add(new Heading(2, "Patients by age band and most severe finding"));
        blocks.Add(AgeBands(summary));
        blocks.Add(new BarChart("age-bands", "Patients with a major or contraindicated finding, by age band", [.. summary.AgeBands.Select(b =>
            new Bar(b.Key, Get(b.Value, "major") + Get(b.Value, "contraindicated"), SeverityColours["major"]))]));

        blocks.Add(new Heading(2, "Every finding"));
        blocks.Add(FindingTable(top));

        blocks.Add(new Heading(2, "Input"));
        blocks.Add(new Table(["resource type", "read", "not read (type not used)"], [.. summary.Resources.Keys.Union(summary.Ignored.Keys).Order(StringComparer.Ordinal)
            .Select(t => (IReadOnlyList<string>)[t, N(Get(summary.Resources, t)), N(Get(summary.Ignored, t))])], Numbers2));
        blocks.Add(new Heading(2, $"Bad lines ({N(summary.BadLineCount)})"));
        blocks.Add(summary.BadLineCount == 0
            ? new Paragraph("None.")
            : new Table(["file", "line", "reason"], [.. summary.BadLines.Select(b => (IReadOnlyList<string>)[b.File, b.Line.ToString(CultureInfo.InvariantCulture), b.Reason])], new HashSet<int> { 1 }));
        if (summary.BadLineCount > summary.BadLines.Count)
        {
            blocks.Add(new Paragraph($"The first {summary.BadLines.Count} of {N(summary.BadLineCount)} are listed."));
        }

        blocks.Add(new Heading(2, $"Patients not read ({N(summary.PatientErrorCount)})"));
        blocks.Add(summary.PatientErrorCount == 0
            ? new Paragraph("None.")
            : new Table(["patient", "error", "message"], [.. summary.PatientErrors.Select(e => (IReadOnlyList<string>)[e.Patient, e.Kind, e.Message])], new HashSet<int>()));
        return blocks;
    }

    private static Table Overview(ScreenSummary summary)
    {
        var share = summary.Patients == 0 ? "" : $" ({100.0 * summary.PatientsWithFindings / summary.Patients:0.0}%)";
        return new Table(
            ["", "count"],
            [
                ["Patients screened", N(summary.Patients)],
                ["Patients with at least one finding", N(summary.PatientsWithFindings) + share],
                ["Findings (rows)", N(summary.Rows)],
                ["Resources read", N(summary.Resources.Values.Sum())],
                ["Lines of types not used", N(summary.Ignored.Values.Sum())],
                ["Bad lines (skipped)", N(summary.BadLineCount)],
                ["Patients not read", N(summary.PatientErrorCount)],
            ],
            new HashSet<int> { 1 });
    }

    private static Table FindingTable(IEnumerable<KeyValuePair<string, FindingTally>> findings) => new(
        ["finding", "family", "severity", "patients", "rows", "example"],
        [.. findings.Select(f => (IReadOnlyList<string>)[f.Key, f.Value.Family, f.Value.Severity, N(f.Value.Patients), N(f.Value.Rows), f.Value.Title])],
        new HashSet<int> { 3, 4 });

    private static Table AgeBands(ScreenSummary summary)
    {
        string[] columns = ["none", .. FindingTally.SeverityOrder];
        return new Table(
            ["age band", .. columns],
            [.. summary.AgeBands.Select(b => (IReadOnlyList<string>)[b.Key, .. columns.Select(c => N(Get(b.Value, c)))])],
            new HashSet<int>(Enumerable.Range(1, columns.Length)));
    }

    private static long Get(SortedDictionary<string, long> counts, string key) => counts.TryGetValue(key, out var count) ? count : 0;

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
