using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

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

    public static IServiceCollection AddReliefWeb(this IServiceCollection services)
    {
        // The pages live in this library, not in the host's entry assembly, so MVC is told where to find them.
        services.AddRazorPages().AddApplicationPart(typeof(WebModule).Assembly);
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
        app.MapRazorPages();
        return app;
    }
}
