using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Relief.Service.Hosting;

namespace Relief.Service.Security;

/// <summary>
/// CDS Hooks client authentication ("Trusting CDS Clients"): every call, discovery included, carries a JWT
/// signed by a trusted EHR. Checked by ASP.NET Core JwtBearer / IdentityModel with: algorithms ES384 and
/// RS384 only (so never <c>none</c> or an HMAC), <c>typ</c> JWT, the key found by <c>kid</c> in a configured
/// JWKS or an allow-listed <c>jku</c>, <c>iss</c> on the allow-list, <c>aud</c> equal to the URL called,
/// <c>exp</c> and <c>iat</c> within the clock skew, and <c>jti</c> never seen before within its lifetime.
/// Any failure is a bare 401: the log says why (without the token), the caller learns nothing.
/// </summary>
public static class SecurityModule
{
    public const string ClientPolicy = "cds-client";
    public const string CorsPolicy = "cds-clients";

    public static readonly string[] Algorithms = [SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSha384];

    public static void AddCdsSecurity(this IServiceCollection services, ReliefServiceOptions options)
    {
        var auth = options.Auth;
        _ = auth.IssuerJwksBindings(); // a malformed --issuer-jwks stops the build with its message, before any request
        services.AddSingleton(auth);
        services.AddHttpContextAccessor();
        services.AddHttpClient(TrustedKeys.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<TrustedKeys>();
        services.AddSingleton<JtiReplayCache>();
        services.AddHostedService<TrustedKeysLoader>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TrustedKeys, JtiReplayCache, IHttpContextAccessor, TimeProvider>(
            (jwt, keys, replay, accessor, time) => Configure(jwt, options, keys, replay, accessor, time));

        services.AddAuthorizationBuilder().AddPolicy(ClientPolicy, policy =>
        {
            if (auth.InsecureNoAuth)
            {
                policy.RequireAssertion(_ => true);
            }
            else
            {
                policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser();
            }
        });

        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(options.CorsOrigins)
            .WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type", "X-Correlation-ID")
            .WithExposedHeaders("X-Correlation-ID")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
    }

    private static void Configure(JwtBearerOptions jwt, ReliefServiceOptions options, TrustedKeys keys, JtiReplayCache replay, IHttpContextAccessor accessor, TimeProvider time)
    {
        var auth = options.Auth;
        var skew = TimeSpan.FromSeconds(auth.ClockSkewSeconds);
        jwt.MapInboundClaims = false;
        jwt.IncludeErrorDetails = false;
        jwt.RequireHttpsMetadata = false;
        jwt.TimeProvider = time;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAlgorithms = Algorithms,
            ValidTypes = ["JWT"],
            ValidateIssuer = true,
            ValidIssuers = [.. auth.TrustedIssuers()],
            ValidateAudience = true,
            AudienceValidator = (audiences, _, _) =>
                accessor.HttpContext is { } context && CallerAudience.Matches(audiences, CallerAudience.Of(context.Request, options.PublicBaseUrl)),
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = skew,
            // The service's clock (a TimeProvider, fixed in tests), with the same skew either side.
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return expires is { } exp && exp.ToUniversalTime() > now - skew && (notBefore is not { } nbf || nbf.ToUniversalTime() <= now + skew);
            },
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = false,
            IssuerSigningKeyResolver = (_, token, kid, _) => keys.Resolve(
                kid, (token as JsonWebToken)?.TryGetHeaderValue<string>("jku", out var jku) == true ? jku : null, (token as JsonWebToken)?.Issuer),
        };
        jwt.Events = BearerEvents.Create(
            BearerEvents.Client,
            // Keys named by the header (kid, an allow-listed jku) are fetched before the synchronous resolver runs.
            (token, cancellationToken) => keys.EnsureAsync(token.Kid, token.TryGetHeaderValue<string>("jku", out var jku) ? jku : null, cancellationToken),
            context =>
            {
                if (context.SecurityToken is not JsonWebToken token)
                {
                    context.Fail("not a JWS compact token");
                    return Task.CompletedTask;
                }

                var now = time.GetUtcNow();
                if (!token.TryGetPayloadValue<long>("iat", out var iat) || DateTimeOffset.FromUnixTimeSeconds(iat) > now + skew)
                {
                    context.Fail("iat missing or in the future");
                }
                else if (string.IsNullOrEmpty(token.Id))
                {
                    context.Fail("jti missing");
                }
                else if (!replay.TryUse(token.Issuer, token.Id, new DateTimeOffset(token.ValidTo, TimeSpan.Zero) + skew))
                {
                    context.Fail("jti replayed");
                }

                return Task.CompletedTask;
            });
    }

    /// <summary>Says loudly, at start-up, when no token is checked, and when no client could ever be trusted.</summary>
    public static void AnnounceSecurity(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<AuthOptions>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Relief.Service.Security");
        if (auth.InsecureNoAuth)
        {
            const string warning = "INSECURE: --insecure-no-auth is set. No JWT is checked: anyone who can reach this port can call the service. Development only.";
            Console.Error.WriteLine(new string('*', warning.Length));
            Console.Error.WriteLine(warning);
            Console.Error.WriteLine(new string('*', warning.Length));
            logger.LogWarning("{Warning}", warning);
        }
        else if (auth.IssuerJwks.Length == 0 && (auth.Issuers.Length == 0 || (auth.Jwks.Length == 0 && auth.AllowedJkus.Length == 0)))
        {
            logger.LogWarning("No trusted issuer or no key source is configured (--issuer, --jwks, --issuer-jwks): every call will be refused with 401");
        }
    }
}

/// <summary>Loads the configured JWKS at start-up.</summary>
internal sealed class TrustedKeysLoader(TrustedKeys keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => keys.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
