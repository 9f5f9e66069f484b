namespace Relief.Bulk.Summary;

/// <summary>
/// The counts behind the report, kept so that summaries of parts or shards add up to the summary of the whole:
/// every field is a sum, or a list sorted and cut the same way whatever order the parts come in. It holds no
/// times, thread counts or paths of the run, so a run's output is the same bytes however it was run.
/// </summary>
public sealed class ScreenSummary
{
    /// <summary>Bad lines and patient errors listed individually; beyond this only counted.</summary>
    public const int ListLimit = 1000;

    /// <summary>The date the patients were assessed as of (yyyy-MM-dd).</summary>
    public string AsOf { get; set; } = "";

    /// <summary>The knowledge base version used.</summary>
    public string Knowledge { get; set; } = "";

    public long Lines { get; set; }

    public long Patients { get; set; }

    public long PatientsWithFindings { get; set; }

    public long Rows { get; set; }

    public long BadLineCount { get; set; }

    public List<BadLine> BadLines { get; set; } = [];

    public long PatientErrorCount { get; set; }

    public List<PatientError> PatientErrors { get; set; } = [];

    /// <summary>Resources routed to a patient (or the Medication catalogue), by type.</summary>
    public SortedDictionary<string, long> Resources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Lines of types the engine does not read (Encounter, Claim...), by type.</summary>
    public SortedDictionary<string, long> Ignored { get; set; } = new(StringComparer.Ordinal);

    /// <summary>By rule id.</summary>
    public SortedDictionary<string, FindingTally> Findings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rows by ingredient (a row naming two ingredients counts for each).</summary>
    public SortedDictionary<string, long> Drugs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rows by severity (info, moderate, major, contraindicated).</summary>
    public SortedDictionary<string, long> Severities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Patients by age band, then by the most severe finding they have ("none" when they have none).</summary>
    public SortedDictionary<string, SortedDictionary<string, long>> AgeBands { get; set; } = new(StringComparer.Ordinal);

    public static void Increment(SortedDictionary<string, long> counts, string key, long by = 1) =>
        counts[key] = counts.TryGetValue(key, out var count) ? count + by : by;

    public void AddBadLine(BadLine line)
    {
        BadLineCount++;
        BadLines.Add(line);
    }

    public void AddPatientError(PatientError error)
    {
        PatientErrorCount++;
        PatientErrors.Add(error);
    }

    public void Add(ScreenSummary other)
    {
        AsOf = AsOf.Length > 0 ? AsOf : other.AsOf;
        Knowledge = Knowledge.Length > 0 ? Knowledge : other.Knowledge;
        Lines += other.Lines;
        Patients += other.Patients;
        PatientsWithFindings += other.PatientsWithFindings;
        Rows += other.Rows;
        BadLineCount += other.BadLineCount;
        BadLines.AddRange(other.BadLines);
        PatientErrorCount += other.PatientErrorCount;
        PatientErrors.AddRange(other.PatientErrors);
        AddAll(Resources, other.Resources);
        AddAll(Ignored, other.Ignored);
        AddAll(Drugs, other.Drugs);
        AddAll(Severities, other.Severities);
        foreach (var (rule, tally) in other.Findings)
        {
            if (!Findings.TryGetValue(rule, out var mine))
            {
                Findings[rule] = mine = new FindingTally();
            }

            mine.Add(tally);
        }

        foreach (var (band, counts) in other.AgeBands)
        {
            if (!AgeBands.TryGetValue(band, out var mine))
            {
                AgeBands[band] = mine = new SortedDictionary<string, long>(StringComparer.Ordinal);
            }

            AddAll(mine, counts);
        }
    }

    /// <summary>Sorts the lists and cuts them to <see cref="ListLimit"/>: the same result whatever order parts were added in.</summary>
    public ScreenSummary Normalise()
    {
        // A type whose every line was counted in the first pass and found malformed in the second (DeferredLineCheck)
        // is left at zero; a summary never lists a type with no resources.
        foreach (var type in Resources.Where(pair => pair.Value == 0).Select(pair => pair.Key).ToList())
        {
            Resources.Remove(type);
        }

        BadLines = [.. BadLines.Order().Take(ListLimit)];
        PatientErrors = [.. PatientErrors.OrderBy(e => e.Patient, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal).Take(ListLimit)];
        return this;
    }

    private static void AddAll(SortedDictionary<string, long> into, SortedDictionary<string, long> from)
    {
        foreach (var (key, count) in from)
        {
            Increment(into, key, count);
        }
    }
}
