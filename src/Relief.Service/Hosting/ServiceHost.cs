using Relief.Service.Api;
using Relief.Service.CdsHooks;
using Relief.Service.Health;
using Relief.Service.Observability;
using Relief.Service.Security;
using Relief.Service.CdsHooks.Feedback;
using Relief.Service.Web;
using Relief.Web;

namespace Relief.Service.Hosting;

/// <summary>
/// Composes the service from its feature modules. Kept thin: each feature folder registers its own
/// services and endpoints; the order of the middleware is the one decision made here.
/// </summary>
public static class ServiceHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var options = builder.Configuration.GetSection(ReliefServiceOptions.Section).Get<ReliefServiceOptions>() ?? new ReliefServiceOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Loopback only, whatever the configuration says: a tunnel or proxy is how an EHR elsewhere reaches it.
            kestrel.Listen(System.Net.IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });

        builder.AddObservability();
        builder.Services.AddEngine(options);
        builder.Services.AddCdsSecurity(options);
        // After the EHR scheme: the people's scheme also sets the default (a by-path selector between the two).
        builder.Services.AddUserSecurity(options);
        builder.Services.AddCdsHooks(options);
        builder.Services.AddFeedback(options);
        builder.Services.AddFollowUpAndWeb(options);
        builder.Services.AddHealth();
        builder.Services.AddOpenApi();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseForwardedClient(options);
        app.UseObservability();
        app.UseCors(SecurityModule.CorsPolicy);
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealth();
        app.MapOpenApi().AllowAnonymous();
        app.MapCdsHooks();
        app.MapFeedback();
        app.MapReliefApi();
        app.MapReliefWeb();
        app.AnnounceSecurity();
        app.AnnounceUserSecurity();
        return app;
    }
}
