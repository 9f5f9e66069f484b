using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Relief.Service.Hosting;

namespace Relief.Service.Security;

/// <summary>
/// Authentication of people using the REST API: a second JwtBearer scheme (<c>relief-user</c>), separate from
/// the EHR scheme of CDS Hooks, trusting the identity providers of <see cref="UserAuthOptions"/>. A token must be
/// ES256 or RS256 (never <c>none</c> or an HMAC), signed by a key found by <c>kid</c> in a configured JWKS, from
/// an allowed <c>iss</c>, for the configured <c>aud</c>, unexpired, with a <c>sub</c> and a role
/// (<see cref="ApiClaims"/>). Requests are routed to the scheme by path, so an API token never meets the EHR
/// scheme and an EHR token never meets this one.
/// </summary>
public static class UserSecurityModule
{
    public const string Scheme = "relief-user";
    public const string Policy = "relief-user";
    private const string Selector = "relief-select";

    public static readonly string[] Algorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256];

    public static void AddUserSecurity(this IServiceCollection services, ReliefServiceOptions options)
    {
        var auth = options.Auth;
        services.AddSingleton<UserKeys>();
        services.AddHostedService(sp => new UserKeysLoader(sp.GetRequiredService<UserKeys>()));

        // The default scheme forwards by path: /api to the people's bearer scheme, /cds-services to the EHR scheme,
        // everything else (the web pages) to the pages' sign-in cookie.
        services.AddAuthentication(o => o.DefaultScheme = Selector)
            .AddPolicyScheme(Selector, "by path", o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") ? Scheme
                : context.Request.Path.StartsWithSegments("/cds-services") ? JwtBearerDefaults.AuthenticationScheme
                : Relief.Web.SignIn.WebSignIn.Scheme)
            .AddJwtBearer(Scheme);
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<UserKeys, TimeProvider>((jwt, keys, time) => Configure(jwt, auth, keys, time));

        services.AddAuthorizationBuilder().AddPolicy(Policy, policy =>
        {
            if (auth.InsecureNoAuth)
            {
                policy.RequireAssertion(_ => true);
            }
            else
            {
                policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser();
            }
        });
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth, UserKeys keys, TimeProvider time)
    {
        var users = auth.Users;
        jwt.MapInboundClaims = false;
        jwt.IncludeErrorDetails = false;
        jwt.RequireHttpsMetadata = false;
        jwt.TimeProvider = time;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAlgorithms = Algorithms,
            // RFC 9068 access tokens say at+jwt; plain ID-provider tokens say JWT.
            ValidTypes = ["JWT", "at+jwt"],
            ValidateIssuer = true,
            ValidIssuers = users.Issuers,
            ValidateAudience = true,
            ValidAudience = users.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(auth.ClockSkewSeconds),
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = false,
            IssuerSigningKeyResolver = (_, _, kid, _) => keys.Keys.Resolve(kid, null, null),
            NameClaimType = ApiClaims.Subject,
            RoleClaimType = ApiClaims.Role,
        };
        jwt.Events = BearerEvents.Create(
            BearerEvents.Api,
            // An unknown kid refreshes the JWKS URLs (at most once a minute) before the synchronous resolver runs.
            (token, cancellationToken) => keys.Keys.EnsureAsync(token.Kid, null, cancellationToken),
            context =>
            {
                if (ApiCaller.FromClaims(context.Principal!) is null)
                {
                    context.Fail("sub, role (clinician|patient) or a patient's patient claim missing");
                }

                return Task.CompletedTask;
            });
    }

    /// <summary>Says at start-up when no API token could ever be accepted.</summary>
    public static void AnnounceUserSecurity(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<AuthOptions>();
        if (!auth.InsecureNoAuth && (auth.Users.Issuers.Length == 0 || auth.Users.Jwks.Length == 0))
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Relief.Service.Security")
                .LogWarning("No identity provider is configured for the API (Relief:Auth:Users:Issuers, Relief:Auth:Users:Jwks): every /api call will be refused with 401");
        }
    }
}

/// <summary>The identity providers' public keys: the same loader as the EHRs' keys, over the users' JWKS list.</summary>
public sealed class UserKeys(AuthOptions auth, IHttpClientFactory http, TimeProvider time, ILogger<TrustedKeys> logger)
{
    public TrustedKeys Keys { get; } = new(new AuthOptions { Jwks = auth.Users.Jwks }, http, time, logger);
}

internal sealed class UserKeysLoader(UserKeys keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => keys.Keys.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
