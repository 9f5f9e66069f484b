namespace Relief.Core.Knowledge.Model;

/// <summary>
/// A guideline, trial, review or label that knowledge statements cite. <see cref="Label"/> is the short name a
/// clinician knows it by ("NICE NG193", "EULAR 2016"), for tables; <see cref="Citation"/> is the full reference.
/// </summary>
public sealed record Source
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string? Authors { get; init; }

    public string? Publication { get; init; }

    public required int Year { get; init; }

    public required SourceKind Kind { get; init; }

    public string? Pmid { get; init; }

    public string? Doi { get; init; }

    public string? Url { get; init; }

    public required string Label { get; init; }

    /// <summary>
    /// A one-line reference: authors and journal for a paper ("Finnerup NB et al., Lancet Neurol 2015;14:162-173");
    /// the title, issuer and year for a label or web page, whose "publication" names no volume or page.
    /// </summary>
    public string Citation => Publication is not null && Publication.Any(char.IsDigit)
        ? $"{Authors ?? Title}, {Publication}"
        : $"{Title} ({(Authors is null ? "" : Authors + ", ")}{Year})";
}
