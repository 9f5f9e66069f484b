namespace Relief.Bulk.Input;

/// <summary>
/// A plain GET of an <c>http(s)://</c> manifest or output file, for servers that need no authorisation
/// (the Bulk Data spec allows <c>requiresAccessToken: false</c>). Only loopback and whatever the user names are
/// contacted: the locations come from the command line or the manifest the user pointed at.
/// </summary>
public sealed class HttpFileOpener(HttpClient client) : IExportFileOpener
{
    public bool CanOpen(Uri location) => location.Scheme is "http" or "https";

    public Stream Open(Uri location)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        request.Headers.Accept.ParseAdd("application/fhir+ndjson");
        request.Headers.Accept.ParseAdd("application/json");
        var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new IOException($"GET {location} answered {status} {response.ReasonPhrase}");
        }

        return response.Content.ReadAsStream();
    }

    public long? Length(Uri location) => null;
}
