using Microsoft.EntityFrameworkCore;
using Relief.Fhir.CdsHooks;
using Relief.Service.Fhir;
using Relief.Service.Hosting;
using Relief.Service.Observability;
using Relief.Service.Security;
using Relief.Store.Feedback;
using Relief.Store.Persistence;

namespace Relief.Service.CdsHooks.Feedback;

/// <summary><c>POST /cds-services/{id}/feedback</c>: validated, stored once per item (repeats are accepted and ignored), answered 200.</summary>
public static class FeedbackModule
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static void AddFeedback(this IServiceCollection services, ReliefServiceOptions options)
    {
        services.AddSingleton(new FeedbackStore(StoreConnection.Resolve(options.Store)));
        services.AddSingleton<IssuedCardLog>();
        services.AddHostedService<IssuedCardWriter>();
    }

    public static void MapFeedback(this WebApplication app) =>
        app.MapPost("/cds-services/{id}/feedback", StoreAsync)
            .RequireAuthorization(SecurityModule.ClientPolicy)
            .RequireCors(SecurityModule.CorsPolicy)
            .WithName("feedback")
            .WithSummary("CDS Hooks feedback: accepted or overridden cards");

    private static async Task<IResult> StoreAsync(string id, HttpContext http, FeedbackStore store, CdsTelemetry telemetry, TimeProvider time)
    {
        if (CdsServiceCatalog.HookOf(id) is null)
        {
            return OperationOutcomes.Result(http, StatusCodes.Status404NotFound, "not-found", null, "no such CDS service; GET /cds-services lists the services");
        }

        using var body = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return OperationOutcomes.Result(http, StatusCodes.Status413PayloadTooLarge, "too-costly", null, "the feedback body is over 1 MB");
        }

        using var document = CdsRequestReader.Parse(body.Memory, out var syntax);
        if (document is null)
        {
            return OperationOutcomes.Result(http, syntax!.Status, syntax.IssueCode, syntax.Expression, syntax.Message);
        }

        if (FeedbackReader.Read(document.RootElement, id, time.GetUtcNow(), out var error) is not { } entries)
        {
            return OperationOutcomes.Result(http, error!.Status, error.IssueCode, error.Expression, error.Message);
        }

        await using var context = store.CreateContext();
        var cards = entries.Select(e => e.CardUuid).Distinct().ToList();
        var existing = (await context.Feedback.AsNoTracking()
                .Where(f => f.ServiceId == id && cards.Contains(f.CardUuid))
                .Select(f => new { f.CardUuid, f.Outcome, f.OutcomeAt })
                .ToListAsync(http.RequestAborted))
            .Select(f => (f.CardUuid, f.Outcome, f.OutcomeAt.UtcTicks))
            .ToHashSet();
        var fresh = entries.DistinctBy(e => (e.CardUuid, e.Outcome, e.OutcomeAt.UtcTicks))
            .Where(e => !existing.Contains((e.CardUuid, e.Outcome, e.OutcomeAt.UtcTicks)))
            .ToList();
        context.Feedback.AddRange(fresh);
        await context.SaveChangesAsync(http.RequestAborted);
        foreach (var entry in fresh)
        {
            telemetry.FeedbackItems.Add(1, new KeyValuePair<string, object?>("cds.outcome", entry.Outcome));
        }

        return Results.Ok();
    }
}
