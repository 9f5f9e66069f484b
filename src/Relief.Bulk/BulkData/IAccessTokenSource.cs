namespace Relief.Bulk.BulkData;

/// <summary>
/// Where the client's bearer token comes from (<see cref="BulkDataClientOptions.AccessToken"/>): a static token
/// (<see cref="StaticAccessToken"/>) or one obtained with SMART Backend Services (<see cref="SmartBackendServicesToken"/>).
/// </summary>
public interface IAccessTokenSource
{
    /// <summary>
    /// The token to send as <c>Authorization: Bearer</c>. <paramref name="refresh"/> is true after the server answered
    /// 401 with the last one: a source that can get a new token gets one; a static token returns the same.
    /// </summary>
    Task<string> GetAsync(HttpClient http, bool refresh, CancellationToken cancellation);
}
