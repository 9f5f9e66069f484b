namespace Relief.Cli.Rendering;

/// <summary>How much of the assessment the text shows: by default what a clinician reads in a minute; <see cref="All"/> everything.</summary>
public sealed record TextOptions(bool All = false)
{
    /// <summary>The strongest options shown per condition before "--all".</summary>
    public int StrongestOptions { get; init; } = 5;
}
