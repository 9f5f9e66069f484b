namespace Relief.Service.Hosting;

/// <summary>
/// The service's settings, bound from the configuration section <c>Relief</c> (appsettings, environment
/// variables <c>Relief__Port</c>…, or the <c>relief serve</c> options, which write these keys).
/// </summary>
public sealed class ReliefServiceOptions
{
    public const string Section = "Relief";

    /// <summary>Loopback port (0: any free port). The service binds 127.0.0.1 only.</summary>
    public int Port { get; set; } = 5170;

    /// <summary>Knowledge directory; default the copy shipped beside the binary.</summary>
    public string? Knowledge { get; set; }

    /// <summary>Feedback store: a SQLite path or a PostgreSQL connection string (default: the user's relief.db).</summary>
    public string? Store { get; set; }

    /// <summary>The base URL EHRs call (e.g. an https tunnel to this machine): used for the JWT audience and card links. Default: the request's own URL.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>A SMART app launch URL for the full assessment; when set, cards also carry a smart link.</summary>
    public string? SmartLaunchUrl { get; set; }

    /// <summary>Request bodies above this many bytes are answered 413 (default 16 MB: a 3.9 MB Synthea record fits with room).</summary>
    /// <summary>UTC time of day (HH:mm) at which every patient's monitoring tasks are re-derived.</summary>
    public string TasksRederiveAt { get; set; } = "02:00";

    public long MaxRequestBodyBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Browser origins allowed to call (CORS). The public CDS Hooks sandbox is allowed by default.</summary>
    public string[] CorsOrigins { get; set; } = ["https://sandbox.cds-hooks.org"];

    /// <summary>patient-view shows at most this many info cards; the rest are counted on one card linking to the full assessment.</summary>
    public int MaxInfoCards { get; set; } = 3;

    /// <summary>
    /// Reverse proxies (IP addresses) whose <c>X-Forwarded-For</c> names the client: the address the sign-in limit
    /// counts and the logs show. Empty (the default): the header is ignored and the client is the socket's peer.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    public AuthOptions Auth { get; set; } = new();

    public FhirClientOptions Fhir { get; set; } = new();
}

/// <summary>Who may call: trusted issuers and their keys (CDS Hooks "Trusting CDS Clients").</summary>
public sealed class AuthOptions
{
    /// <summary>JWKS documents (file paths or http(s) URLs) holding the trusted EHRs' public keys.</summary>
    public string[] Jwks { get; set; } = [];

    /// <summary>Allowed <c>iss</c> values.</summary>
    public string[] Issuers { get; set; } = [];

    /// <summary>
    /// Keys bound to one issuer, as <c>ISS=FILE|URL</c> (split at the first <c>=</c>): that issuer's tokens verify only
    /// against these keys, and these keys verify only that issuer's tokens. The issuer is trusted by being listed here.
    /// Keys from <see cref="Jwks"/> serve every issuer that has no binding.
    /// </summary>
    public string[] IssuerJwks { get; set; } = [];

    /// <summary>Every trusted issuer: those listed with <c>--issuer</c> and those bound to their keys.</summary>
    public IEnumerable<string> TrustedIssuers() => Issuers.Concat(IssuerJwksBindings().Select(b => b.Issuer)).Distinct(StringComparer.Ordinal);

    /// <summary><see cref="IssuerJwks"/> parsed; an entry without an issuer or a source is a configuration error.</summary>
    public IReadOnlyList<(string Issuer, string Source)> IssuerJwksBindings() =>
        [.. IssuerJwks.Select(entry => entry.IndexOf('=', StringComparison.Ordinal) is var at and > 0 && at < entry.Length - 1
            ? (entry[..at], entry[(at + 1)..])
            : throw new ServiceConfigurationException($"Relief:Auth:IssuerJwks (--issuer-jwks) '{entry}' is not ISSUER=FILE|URL"))];

    /// <summary>JWKS URLs a token may name in its <c>jku</c> header; any other <c>jku</c> is refused.</summary>
    public string[] AllowedJkus { get; set; } = [];

    /// <summary>Development only: no token is checked. Announced at start-up.</summary>
    public bool InsecureNoAuth { get; set; }

    /// <summary>Clock skew allowed on <c>exp</c> and <c>iat</c>, in seconds.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>The web pages' accounts file (hashed passwords; `relief users add` writes it). Default: web-users.json beside the default store.</summary>
    public string? WebUsers { get; set; }

    /// <summary>Failed web sign-ins from one client address within 15 minutes before that address is refused (429) until they have passed.</summary>
    public int SignInFailuresPerAddress { get; set; } = Relief.Web.SignIn.SignInThrottle.DefaultMaxFailuresPerAddress;

    /// <summary>Who may use the REST API: people (clinicians and patients) signed in by an identity provider.</summary>
    public UserAuthOptions Users { get; set; } = new();
}

/// <summary>
/// The identity providers trusted for the REST API's bearer tokens (scheme <c>relief-user</c>), separate from
/// the EHRs trusted for CDS Hooks: their issuers, their JWKS (files or URLs) and the audience tokens must name.
/// </summary>
public sealed class UserAuthOptions
{
    /// <summary>Allowed <c>iss</c> values.</summary>
    public string[] Issuers { get; set; } = [];

    /// <summary>JWKS documents (file paths or http(s) URLs) with the providers' public signing keys.</summary>
    public string[] Jwks { get; set; } = [];

    /// <summary>The <c>aud</c> every API token must carry.</summary>
    public string Audience { get; set; } = "relief-api";
}

/// <summary>How the service reads the EHR's FHIR server when the prefetch is incomplete.</summary>
public sealed class FhirClientOptions
{
    /// <summary>Per HTTP call, retries included.</summary>
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>Queries in flight at once for one hook call.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Retries after 429 or 503 (honouring Retry-After up to <see cref="MaxRetryDelaySeconds"/>).</summary>
    public int MaxRetries { get; set; } = 2;

    public double MaxRetryDelaySeconds { get; set; } = 2;

    /// <summary>Searchset pages followed per query (link next); more is reported, not read.</summary>
    public int MaxPages { get; set; } = 20;
}
