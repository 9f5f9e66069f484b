using Relief.Service.CdsHooks.Prefetch;
using Relief.Service.Hosting;
using Relief.Service.Security;

namespace Relief.Service.CdsHooks;

/// <summary>Discovery (<c>GET /cds-services</c>) and invocation (<c>POST /cds-services/{id}</c>); both need a trusted client's token.</summary>
public static class CdsHooksModule
{
    public static void AddCdsHooks(this IServiceCollection services, ReliefServiceOptions options)
    {
        services.AddHttpClient(FhirServerFetcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(options.Fhir.TimeoutSeconds),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.AddSingleton<FhirServerFetcher>();
        services.AddSingleton<CdsInvocation>();
    }

    public static void MapCdsHooks(this WebApplication app)
    {
        var discovery = CdsJsonContext.Default.DiscoveryResponse;
        var document = new DiscoveryResponse(CdsServiceCatalog.Services);
        app.MapGet("/cds-services", () => Results.Json(document, discovery))
            .RequireAuthorization(SecurityModule.ClientPolicy)
            .RequireCors(SecurityModule.CorsPolicy)
            .WithName("discovery")
            .WithSummary("CDS Hooks discovery: the services Relief offers");

        app.MapPost("/cds-services/{id}", (string id, HttpContext http, CdsInvocation invocation) => invocation.InvokeAsync(http, id))
            .RequireAuthorization(SecurityModule.ClientPolicy)
            .RequireCors(SecurityModule.CorsPolicy)
            .WithName("invoke")
            .WithSummary("CDS Hooks service call: cards for patient-view, order-select or order-sign");
    }
}
