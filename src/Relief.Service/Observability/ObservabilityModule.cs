using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Relief.Service.Observability;

/// <summary>
/// Structured logs (Serilog, compact JSON on stdout), one correlation id per request, OpenTelemetry traces
/// and metrics. Request log lines name the route pattern (<c>/cds-services/{id}</c>), never the raw path or
/// query, and no code path logs a body, a token or a patient identifier.
/// </summary>
public static class ObservabilityModule
{
    public static void AddObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.With(new RawPathRemover())
                .WriteTo.Console(new CompactJsonFormatter());
            // Tests and embedders add sinks of their own through DI.
            foreach (var sink in services.GetServices<ILogEventSink>())
            {
                logger.WriteTo.Sink(sink);
            }
        });

        builder.Services.AddSingleton<CdsTelemetry>();
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("relief"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, request) =>
                {
                    // The raw path may one day carry a patient id (/patients/{id}); the route pattern never does.
                    activity.SetTag("url.path", null);
                })
                .AddSource(CdsTelemetry.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(CdsTelemetry.Name));
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }

    public static void UseObservability(this WebApplication app)
    {
        app.UseCorrelationId();
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetMessageTemplateProperties = (context, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(FailureBoundary.RouteOf(context))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });
        app.UseFailureBoundary();
    }
}
