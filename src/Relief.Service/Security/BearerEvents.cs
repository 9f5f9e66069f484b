using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Relief.Service.Fhir;

namespace Relief.Service.Security;

/// <summary>
/// The JwtBearer events both bearer schemes share (EHR clients on /cds-services, people on /api): fetch the
/// keys a token names before the synchronous key resolver runs, log why a token was refused (never the token),
/// and answer every refusal with a bare 401 OperationOutcome. Each scheme adds only its own token checks.
/// </summary>
internal static class BearerEvents
{
    public const string Client = "Client";
    public const string Api = "API";

    /// <param name="caller"><see cref="Client"/> (EHRs) or <see cref="Api"/> (people): how the log names the refused token.</param>
    /// <param name="ensureKeys">Loads the keys the token's header names (kid, jku), asynchronously.</param>
    /// <param name="validated">The scheme's own checks once the signature and claims are valid.</param>
    public static JwtBearerEvents Create(string caller, Func<JsonWebToken, CancellationToken, Task> ensureKeys, Func<TokenValidatedContext, Task> validated) => new()
    {
        OnMessageReceived = async context =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && TryRead(header["Bearer ".Length..].Trim()) is { } token)
            {
                await ensureKeys(token, context.HttpContext.RequestAborted);
            }
        },
        OnTokenValidated = validated,
        OnAuthenticationFailed = context =>
        {
            LogRefused(context.HttpContext, caller, context.Exception.GetType().Name);
            return Task.CompletedTask;
        },
        OnChallenge = async context =>
        {
            context.HandleResponse();
            if (context.AuthenticateFailure is { } failure && failure is not SecurityTokenException)
            {
                LogRefused(context.HttpContext, caller, failure.Message);
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            await OperationOutcomes.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "login", null, "authentication required");
        },
    };

    /// <summary>The token's header, or null when it is not a readable JWS (validation then refuses it: 401, never 500).</summary>
    private static JsonWebToken? TryRead(string raw)
    {
        var handler = new JsonWebTokenHandler();
        try
        {
            return handler.CanReadToken(raw) ? handler.ReadJsonWebToken(raw) : null;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return null;
        }
    }

    /// <summary>One message template per scheme, so the structured log's message template says which.</summary>
    private static void LogRefused(HttpContext context, string caller, string reason)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Relief.Service.Security");
        if (caller == Api)
        {
            logger.LogWarning("API token refused: {Reason}", reason);
        }
        else
        {
            logger.LogWarning("Client token refused: {Reason}", reason);
        }
    }
}
