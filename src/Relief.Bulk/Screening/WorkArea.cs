namespace Relief.Bulk.Screening;

/// <summary>
/// The run's working files under <c>OUT/.relief-screen/</c>: the state that says which run they belong to, the
/// spill partitions, the Medication catalogue, and the committed parts. Removed once the outputs are written.
/// </summary>
internal sealed class WorkArea(string outDirectory)
{
    public string Root { get; } = Path.Combine(outDirectory, ".relief-screen");

    public string StateFile => Path.Combine(Root, "state.txt");

    public string SpillDirectory => Path.Combine(Root, "spill");

    /// <summary>Written last in the first pass: its presence means the spill is whole.</summary>
    public string SpillSummary => Path.Combine(Root, "spill-summary.json");

    public string Medications => Path.Combine(Root, "medications.ndjson");

    public string PartsDirectory => Path.Combine(Root, "parts");

    public string PartRows(int partition) => Path.Combine(PartsDirectory, $"p-{partition:D5}.ndjson");

    /// <summary>A part is committed when its summary exists: rows are renamed into place first, the summary last.</summary>
    public string PartSummary(int partition) => Path.Combine(PartsDirectory, $"p-{partition:D5}.summary.json");
}
