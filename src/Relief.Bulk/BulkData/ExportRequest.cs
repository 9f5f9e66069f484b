namespace Relief.Bulk.BulkData;

/// <summary>Which $export operation to kick off (FHIR Bulk Data Access IG v2, "Bulk Data Kick-off Request").</summary>
public enum ExportLevel
{
    /// <summary><c>[base]/$export</c>: every patient and resource on the server.</summary>
    System,

    /// <summary><c>[base]/Patient/$export</c>: the compartments of all patients.</summary>
    Patient,

    /// <summary><c>[base]/Group/{id}/$export</c>: the patients of one group.</summary>
    Group,
}

/// <summary>
/// An export to run: the server's FHIR base URL, the level, the resource types (<c>_type</c>) and the
/// <c>_since</c> instant, passed through as given (the server validates them).
/// </summary>
public sealed record ExportRequest(Uri BaseUrl, ExportLevel Level = ExportLevel.System, string? GroupId = null)
{
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>An FHIR instant (e.g. 2026-01-01T00:00:00Z): only resources changed since then.</summary>
    public string? Since { get; init; }

    /// <summary>The kick-off URL with its query string.</summary>
    public Uri KickOffUrl()
    {
        if (Level == ExportLevel.Group && string.IsNullOrWhiteSpace(GroupId))
        {
            throw new ArgumentException("a group-level export needs a group id", nameof(GroupId));
        }

        var path = Level switch
        {
            ExportLevel.System => "$export",
            ExportLevel.Patient => "Patient/$export",
            _ => $"Group/{Uri.EscapeDataString(GroupId!)}/$export",
        };
        var query = new List<string>();
        if (Types.Count > 0)
        {
            query.Add("_type=" + Uri.EscapeDataString(string.Join(",", Types)));
        }

        if (!string.IsNullOrWhiteSpace(Since))
        {
            query.Add("_since=" + Uri.EscapeDataString(Since));
        }

        var root = BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl.AbsoluteUri : BaseUrl.AbsoluteUri + "/";
        return new Uri(root + path + (query.Count > 0 ? "?" + string.Join("&", query) : ""));
    }
}
