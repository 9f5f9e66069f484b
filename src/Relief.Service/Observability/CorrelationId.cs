using System.Text.RegularExpressions;
using Serilog.Context;

namespace Relief.Service.Observability;

/// <summary>
/// One id per request: the caller's <c>X-Correlation-ID</c> when it is a plain token, else a new one. It is
/// the request's TraceIdentifier, echoed in the response header, on every log line of the request and in
/// every OperationOutcome the service writes, so an EHR's support desk and the log meet on it.
/// </summary>
public static partial class CorrelationId
{
    public const string Header = "X-Correlation-ID";

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var given = context.Request.Headers[Header].ToString();
        var id = Safe().IsMatch(given) ? given : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[Header] = id;
        System.Diagnostics.Activity.Current?.SetTag("relief.correlation_id", id);
        using (LogContext.PushProperty("CorrelationId", id))
        {
            await next(context);
        }
    });

    // A caller's id goes into logs and headers: letters, digits and -_. only, and short.
    [GeneratedRegex("^[A-Za-z0-9._-]{8,64}$")]
    private static partial Regex Safe();
}
