using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Relief.Web.SignIn;

namespace Relief.Web;

/// <summary>
/// Wires the pages into a host: Razor Pages with antiforgery on every form, static assets from this
/// library, and a Content-Security-Policy that allows no inline script and nothing from another origin.
/// The host registers the knowledge base, the assessment pipeline and a <see cref="TimeProvider"/>.
/// </summary>
public static class WebModule
{
    /// <summary>No inline script or style, nothing from another origin; charts are drawn by a vendored library from /lib.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddReliefWeb(this IServiceCollection services, WebSignInOptions signIn)
    {
        services.AddWebSignIn(signIn);
        // The pages live in this library, not in the host's entry assembly, so MVC is told where to find them.
        // Who may open what is decided here, in one place: clinicians the clinical pages, patients (and
        // clinicians) the diary and the energy view, anyone the plain-language pages and the sign-in page.
        services.AddRazorPages(options =>
        {
            var pages = options.Conventions;
            pages.AuthorizePage("/Index", WebSignIn.SignedIn);
            pages.AuthorizePage("/Assess", WebSignIn.Clinician);
            pages.AuthorizePage("/Worklist", WebSignIn.Clinician);
            pages.AuthorizeFolder("/Patients", WebSignIn.Clinician);
            pages.AuthorizeFolder("/Diary", WebSignIn.SignedIn);
            pages.AllowAnonymousToFolder("/Learn");
        }).AddApplicationPart(typeof(WebModule).Assembly);
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    public static WebApplication MapReliefWeb(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            await next();
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/assets",
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "relief-web-assets")),
        });
        // The diary's service worker must be served from the root to control /diary/ pages.
        app.MapGet("/diary-sw.js", () => Results.File(Path.Combine(AppContext.BaseDirectory, "relief-web-assets", "js", "diary-sw.js"), "text/javascript"));
        app.MapSummary();
        app.AnnounceWebSignIn();
        app.MapRazorPages();
        return app;
    }
}
