using Relief.Service.Hosting;

namespace Relief.Service.Security;

/// <summary>
/// The <c>aud</c> a CDS client must put in its token: the exact URL it called, e.g.
/// <c>https://ehr-tunnel.example/cds-services/relief-patient-view</c>. Built from
/// <see cref="ReliefServiceOptions.PublicBaseUrl"/> when the service is reached through a tunnel or proxy,
/// else from the request itself (scheme, host, path; no query).
/// </summary>
public static class CallerAudience
{
    public static string Of(HttpRequest request, string? publicBaseUrl)
    {
        var path = (request.PathBase + request.Path).ToString();
        return string.IsNullOrEmpty(publicBaseUrl)
            ? $"{request.Scheme}://{request.Host}{path}"
            : publicBaseUrl.TrimEnd('/') + path;
    }

    public static bool Matches(IEnumerable<string> audiences, string expected) =>
        audiences.Any(a => string.Equals(a.TrimEnd('/'), expected.TrimEnd('/'), StringComparison.Ordinal));
}
