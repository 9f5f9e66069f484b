namespace Relief.Core.Assessment.Safety;

/// <summary>A source behind a finding: its id in sources.yaml, a one-line citation and its year.</summary>
public sealed record SourceCitation(string Id, string Citation, int Year)
{
    /// <summary>The short name for tables ("AGS Beers 2023", "BSR 2017").</summary>
    public string Label { get; init; } = Id;

    /// <summary>The source's kind in sources.yaml (guideline, trial, label, terminology…): a terminology defines codes, it gives no advice.</summary>
    public string Kind { get; init; } = "";
}
