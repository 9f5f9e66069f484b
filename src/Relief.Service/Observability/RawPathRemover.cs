using Serilog.Core;
using Serilog.Events;

namespace Relief.Service.Observability;

/// <summary>
/// ASP.NET Core's hosting log scope adds the raw <c>RequestPath</c> to every event of a request; a path may
/// carry a patient id (<c>/patients/{id}</c>), so it is dropped. The request-completion line keeps its own
/// <c>RequestPath</c>, which is the route pattern (see <see cref="ObservabilityModule"/>).
/// </summary>
internal sealed class RawPathRemover : ILogEventEnricher
{
    private const string RequestLogger = "Serilog.AspNetCore.RequestLoggingMiddleware";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: RequestLogger })
        {
            return;
        }

        logEvent.RemovePropertyIfPresent("RequestPath");
    }
}
