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
    SourceKind Kind,
    string? Pmid,
    string? Doi,
    string? Url,
    string Label)
{
    /// <summary>
    /// A one-line reference: authors and journal for a paper ("Finnerup NB et al., Lancet Neurol 2015;14:162-173");
    /// the title, issuer and year for a label or web page, whose "publication" names no volume or page.
    /// </summary>
    public string Citation => Publication is not null && Publication.Any(char.IsDigit)
        ? $"{Authors ?? Title}, {Publication}"
        : $"{Title} ({(Authors is null ? "" : Authors + ", ")}{Year})";
}
