using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;
using Relief.Service.Hosting;

namespace Relief.Service.Security;

/// <summary>
/// The public keys of trusted EHRs, by <c>kid</c>: from the configured JWKS files and URLs (loaded at
/// start, a URL refreshed when a token names an unknown kid, at most once a minute), and from a token's
/// <c>jku</c> when that URL is on the allow-list (fetched once, then cached). Keys bound to an issuer
/// (<see cref="AuthOptions.IssuerJwks"/>) verify that issuer's tokens only, and that issuer's tokens verify against
/// them only (no jku, no shared set), so one trusted EHR's key cannot sign a token claiming to be another.
/// Parsing is IdentityModel's <see cref="JsonWebKeySet"/>; signatures are checked by IdentityModel, never here.
/// </summary>
public sealed class TrustedKeys(AuthOptions options, IHttpClientFactory http, TimeProvider time, ILogger<TrustedKeys> logger)
{
    public const string HttpClientName = "jwks";

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, IReadOnlyList<SecurityKey>> _configured = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<SecurityKey>> _byJku = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Issuer, string Source), IReadOnlyList<SecurityKey>> _bound = new();
    private readonly IReadOnlyList<(string Issuer, string Source)> _bindings = options.IssuerJwksBindings();
    private readonly HashSet<string> _boundIssuers = new(options.IssuerJwksBindings().Select(b => b.Issuer), StringComparer.Ordinal);
    private readonly HashSet<string> _allowedJkus = new(options.AllowedJkus, StringComparer.Ordinal);
    private long _lastRefreshTicks;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var source in options.Jwks)
        {
            try
            {
                _configured[source] = await ReadAsync(source, cancellationToken);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or ArgumentException or InvalidOperationException or TaskCanceledException or UnauthorizedAccessException)
            {
                // A JWKS that cannot be read leaves its keys untrusted; the service still starts and says so.
                logger.LogError("JWKS {Source} could not be read ({ExceptionType}); its keys are not trusted", source, e.GetType().Name);
            }
        }

        foreach (var binding in _bindings)
        {
            try
            {
                _bound[binding] = await ReadAsync(binding.Source, cancellationToken);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or ArgumentException or InvalidOperationException or TaskCanceledException or UnauthorizedAccessException)
            {
                logger.LogError("JWKS {Source} bound to an issuer could not be read ({ExceptionType}); its keys are not trusted", binding.Source, e.GetType().Name);
            }
        }
    }

    /// <summary>Makes sure the keys a token header points to are loaded (async, before validation).</summary>
    public async Task EnsureAsync(string? kid, string? jku, CancellationToken cancellationToken)
    {
        if (jku is not null)
        {
            if (_allowedJkus.Contains(jku) && !_byJku.ContainsKey(jku))
            {
                try
                {
                    _byJku[jku] = await ReadAsync(jku, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or ArgumentException or TaskCanceledException or InvalidOperationException)
                {
                    logger.LogWarning("JWKS at an allow-listed jku could not be read ({ExceptionType})", e.GetType().Name);
                }
            }

            return;
        }

        if (kid is null || Configured(kid).Any() || _bound.Values.SelectMany(k => k).Any(k => k.KeyId == kid))
        {
            return;
        }

        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastRefreshTicks);
        if (now - last < RefreshInterval.Ticks || Interlocked.CompareExchange(ref _lastRefreshTicks, now, last) != last)
        {
            return;
        }

        foreach (var url in options.Jwks.Where(IsUrl))
        {
            try
            {
                _configured[url] = await ReadAsync(url, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or ArgumentException or TaskCanceledException or InvalidOperationException)
            {
                logger.LogWarning("JWKS refresh failed ({ExceptionType})", e.GetType().Name);
            }
        }

        foreach (var binding in _bindings.Where(b => IsUrl(b.Source)))
        {
            try
            {
                _bound[binding] = await ReadAsync(binding.Source, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or ArgumentException or TaskCanceledException or InvalidOperationException)
            {
                logger.LogWarning("JWKS refresh failed ({ExceptionType})", e.GetType().Name);
            }
        }
    }

    /// <summary>
    /// The keys for a token: by its kid; for an issuer bound to its own keys, from those only; else from its allow-listed
    /// jku's set or the configured sets. No kid, no key.
    /// </summary>
    public IEnumerable<SecurityKey> Resolve(string? kid, string? jku, string? issuer)
    {
        if (string.IsNullOrEmpty(kid))
        {
            return [];
        }

        if (issuer is not null && _boundIssuers.Contains(issuer))
        {
            return _bound.Where(b => b.Key.Issuer == issuer).SelectMany(b => b.Value).Where(k => k.KeyId == kid);
        }

        if (jku is not null)
        {
            return _allowedJkus.Contains(jku) && _byJku.TryGetValue(jku, out var keys) ? keys.Where(k => k.KeyId == kid) : [];
        }

        return Configured(kid);
    }

    private IEnumerable<SecurityKey> Configured(string kid) => _configured.Values.SelectMany(k => k).Where(k => k.KeyId == kid);

    private async Task<IReadOnlyList<SecurityKey>> ReadAsync(string source, CancellationToken cancellationToken)
    {
        var json = IsUrl(source)
            ? await http.CreateClient(HttpClientName).GetStringAsync(new Uri(source), cancellationToken)
            : await File.ReadAllTextAsync(source, cancellationToken);
        var set = new JsonWebKeySet(json);
        // Signing keys only: a key marked for encryption never verifies a token.
        return [.. set.Keys.Where(k => k.Use is null or "sig" && !string.IsNullOrEmpty(k.Kid))];
    }

    private static bool IsUrl(string source) => source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
}
