namespace Relief.Bulk.BulkData;

/// <summary>How the client waits and how many files it downloads at once.</summary>
public sealed record BulkDataClientOptions
{
    /// <summary>Files downloaded at the same time.</summary>
    public int MaxParallelDownloads { get; init; } = 4;

    /// <summary>First wait when the server gives no Retry-After; doubled on each poll up to <see cref="MaxWait"/> (the IG's exponential backoff).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two requests, whatever Retry-After says.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>429 answers tolerated in a row for one request before giving up.</summary>
    public int MaxRetries { get; init; } = 8;

    /// <summary>How to wait (the tests record the waits instead of sleeping).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>The clock for Retry-After given as an HTTP date.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The bearer token for a protected server (<see cref="StaticAccessToken"/>, <see cref="SmartBackendServicesToken"/>);
    /// null sends none. Sent with the kick-off, the status polls and the DELETE, and with file downloads when the
    /// manifest says <c>requiresAccessToken</c> (the IG: only then may the files need it).
    /// </summary>
    public IAccessTokenSource? AccessToken { get; init; }

    /// <summary>DELETE the status URL once every file is downloaded and checked (the IG: the client should, so the server can free the files).</summary>
    public bool DeleteWhenDone { get; init; } = true;

    /// <summary>Progress lines (status polls, X-Progress, downloads).</summary>
    public IProgress<string>? Progress { get; init; }
}
