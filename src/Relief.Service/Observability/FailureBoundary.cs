using Relief.Service.Fhir;

namespace Relief.Service.Observability;

/// <summary>
/// The last line of defence: an unexpected exception is logged with the correlation id (type and stack, not
/// its message, which may quote a record) and answered 500 with an OperationOutcome carrying the id.
/// </summary>
public static class FailureBoundary
{
    public static IApplicationBuilder UseFailureBoundary(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception exception)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Relief.Service.Failure");
            logger.LogError("Unexpected {ExceptionType} answering {Route}; correlation id {CorrelationId}\n{StackTrace}",
                exception.GetType().FullName, RouteOf(context), context.TraceIdentifier, exception.StackTrace);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await OperationOutcomes.WriteAsync(context, StatusCodes.Status500InternalServerError, "exception", null,
                    $"internal error: Relief could not answer this request; quote correlation id {context.TraceIdentifier} when reporting it");
            }
        }
    });

    public static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
}
