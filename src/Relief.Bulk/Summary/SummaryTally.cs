using Relief.Bulk.Screening;

namespace Relief.Bulk.Summary;

/// <summary>Adds one patient's outcome to a summary: the counts per rule, drug, severity and age band.</summary>
internal static class SummaryTally
{
    private static readonly string[] SeverityOrder = FindingTally.SeverityOrder;

    public static void Add(ScreenSummary summary, PatientOutcome outcome)
    {
        summary.Patients++;
        if (outcome.Error is { } error)
        {
            summary.AddPatientError(error);
            return;
        }

        summary.Rows += outcome.Rows.Count;
        if (outcome.Rows.Count > 0)
        {
            summary.PatientsWithFindings++;
        }

        var worst = -1;
        // Most patients have no row or one: the set of rules already counted for the patient is made only for more.
        var rulesSeen = outcome.Rows.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var row in outcome.Rows)
        {
            if (!summary.Findings.TryGetValue(row.Finding, out var tally))
            {
                summary.Findings[row.Finding] = tally = new FindingTally { Family = row.Family, Severity = row.Severity, Title = row.Title };
            }

            tally.Title = FindingTally.Earlier(tally.Title, row.Title);
            tally.Severity = FindingTally.Worse(tally.Severity, row.Severity);

            tally.Rows++;
            if (rulesSeen?.Add(row.Finding) ?? true)
            {
                tally.Patients++;
            }

            ScreenSummary.Increment(summary.Severities, row.Severity);
            foreach (var drug in row.Drug.Split("; ", StringSplitOptions.RemoveEmptyEntries))
            {
                ScreenSummary.Increment(summary.Drugs, drug);
            }

            worst = Math.Max(worst, Array.IndexOf(SeverityOrder, row.Severity));
        }

        if (!summary.AgeBands.TryGetValue(AgeBand(outcome.Age), out var band))
        {
            summary.AgeBands[AgeBand(outcome.Age)] = band = new SortedDictionary<string, long>(StringComparer.Ordinal);
        }

        ScreenSummary.Increment(band, worst < 0 ? "none" : SeverityOrder[worst]);
    }

    public static string AgeBand(int? age) => age switch
    {
        null => "unknown",
        < 18 => "0-17",
        < 45 => "18-44",
        < 65 => "45-64",
        < 75 => "65-74",
        _ => "75+",
    };
}
