namespace Relief.Bulk.BulkData;

/// <summary>No access token could be obtained (the token endpoint refused, or could not be found); reported, not thrown to the user.</summary>
public sealed class AccessTokenException(string message) : Exception(message);
