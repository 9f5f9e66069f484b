namespace Relief.Core.Knowledge.Model;

/// <summary>
/// A guideline, trial, review or label that knowledge statements cite. <see cref="Label"/> is the short name a
/// clinician knows it by ("NICE NG193", "EULAR 2016"), for tables; <see cref="Citation"/> is the full reference.
/// </summary>
public sealed record Source(
    string Id,
    string Title,
    string? Authors,
    string? Publication,
    int Year,
    string Kind,
    string? Pmid,
    string? Doi,
    string? Url,
    string Label)
{
    /// <summary>A short citation for one line of output: "Finnerup NB et al., Lancet Neurol 2015".</summary>
    public string Citation => Publication is null ? $"{Title} ({Year})" : $"{Authors ?? Title}, {Publication}";
}
