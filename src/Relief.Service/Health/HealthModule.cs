using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Relief.Service.Health;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: it can answer hooks (503 until warmed up). Both without a token, for probes.</summary>
public static class HealthModule
{
    public static void AddHealth(this IServiceCollection services)
    {
        services.AddSingleton<Readiness>();
        services.AddHealthChecks().AddCheck<Readiness>("engine", tags: ["ready"]);
    }

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }
}
