namespace Relief.Bulk.BulkData;

/// <summary>A bearer token obtained elsewhere (<c>relief export --bearer-token-file</c> or <c>RELIEF_BULK_TOKEN</c>).</summary>
public sealed class StaticAccessToken : IAccessTokenSource
{
    private readonly string _token;

    public StaticAccessToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token.Trim();
    }

    public Task<string> GetAsync(HttpClient http, bool refresh, CancellationToken cancellation) => Task.FromResult(_token);
}
