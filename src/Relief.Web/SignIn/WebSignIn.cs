using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Relief.Web.SignIn;

/// <summary>
/// Cookie sign-in for the pages (ASP.NET Core cookie authentication): an HttpOnly, SameSite=Strict session
/// cookie, sliding expiry, and two policies the pages name: <see cref="SignedIn"/> (a patient or a clinician)
/// and <see cref="Clinician"/>. A session whose account was removed or changed in the users file ends on its
/// next request. With <see cref="WebSignInOptions.InsecureNoAuth"/> both policies let everyone in.
/// </summary>
public static class WebSignIn
{
    public const string Scheme = "relief-web";
    public const string SignedIn = "relief-web-signed-in";
    public const string Clinician = "relief-web-clinician";
    public const string CookieName = "relief-session";

    public static IServiceCollection AddWebSignIn(this IServiceCollection services, WebSignInOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(new WebUserFile(options.UsersFile));
        services.AddSingleton(sp => new SignInThrottle(sp.GetService<TimeProvider>() ?? TimeProvider.System, options.SignInFailuresPerAddress));
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Loopback serves plain http; behind a TLS proxy the browser sends the cookie over https only when the request was.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = options.IdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/forbidden";
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events.OnValidatePrincipal = ValidateAsync;
            // A script's request (the diary's offline sync) gets a status, not a sign-in page it would take for success.
            cookie.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, policy =>
            {
                if (options.InsecureNoAuth)
                {
                    policy.RequireAssertion(_ => true);
                }
                else
                {
                    policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
                        .RequireClaim(WebAccess.RoleClaim, WebRoles.Patient, WebRoles.Clinician);
                }
            })
            .AddPolicy(Clinician, policy =>
            {
                if (options.InsecureNoAuth)
                {
                    policy.RequireAssertion(_ => true);
                }
                else
                {
                    policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(WebAccess.RoleClaim, WebRoles.Clinician);
                }
            });
        return services;
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var request = context.Request;
        if (request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)
            || request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>The account must still exist with the same password and reach, else the session ends.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<WebUserFile>();
        var name = context.Principal?.FindFirst(WebAccess.SubjectClaim)?.Value;
        var stamp = context.Principal?.FindFirst(WebAccess.StampClaim)?.Value;
        WebUser? user;
        try
        {
            user = name is null ? null : users.Find(name);
        }
        catch (InvalidDataException)
        {
            user = null; // a damaged accounts file ends every session (fails closed); the sign-in page says so
        }

        if (user is null || WebAccess.Stamp(user) != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    /// <summary>Says at start-up, loudly, when the pages are open to anyone, and when no one could sign in.</summary>
    public static void AnnounceWebSignIn(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<WebSignInOptions>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Relief.Web.SignIn");
        if (options.InsecureNoAuth)
        {
            logger.LogWarning("INSECURE: --insecure-no-auth is set, the web pages are open to anyone who reaches the port, without sign-in. Development only.");
        }
        else
        {
            try
            {
                if (app.Services.GetRequiredService<WebUserFile>().Users().Count == 0)
                {
                    logger.LogWarning("No web accounts in {File}: nobody can sign in to the pages until `relief users add` creates one", options.UsersFile);
                }
            }
            catch (InvalidDataException e)
            {
                logger.LogError("Nobody can sign in to the pages: {Problem}", e.Message);
            }
        }
    }
}
