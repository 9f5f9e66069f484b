using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Relief.Reports.VisitSummary;
using Relief.Store.Application;
using Relief.Web.Pages;
using Relief.Web.SignIn;

namespace Relief.Web;

/// <summary>The visit summary one click from the patient page: printable HTML, or the PDF.</summary>
internal static class SummaryEndpoints
{
    public static void MapSummary(this WebApplication app)
    {
        app.MapGet("/patients/{id}/summary", async (string id, string? since, HttpContext http, FollowUpStore store, TimeProvider clock, CancellationToken ct) =>
        {
            if (!WebAccess.For(http).MayReach(id))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var built = await BuildAsync(id, since, http, store, clock, ct);
            return built.Succeeded
                ? Results.Content(VisitSummaryHtml.Render(built.Value!, "/assets/css/relief.css"), "text/html; charset=utf-8")
                : Problem(built);
        }).RequireAuthorization(WebSignIn.Clinician);
        app.MapGet("/patients/{id}/summary.pdf", async (string id, string? since, HttpContext http, FollowUpStore store, TimeProvider clock, CancellationToken ct) =>
        {
            if (!WebAccess.For(http).MayReach(id))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var built = await BuildAsync(id, since, http, store, clock, ct);
            return built.Succeeded
                ? Results.File(VisitSummaryPdf.Render(built.Value!), "application/pdf", $"relief-summary-{id}.pdf")
                : Problem(built);
        }).RequireAuthorization(WebSignIn.Clinician);
    }

    private static async Task<StoreResult<VisitSummary>> BuildAsync(string id, string? since, HttpContext http, FollowUpStore store, TimeProvider clock, CancellationToken ct)
    {
        var today = WebClock.Today(clock);
        NodaTime.LocalDate? from = null;
        if (!string.IsNullOrEmpty(since))
        {
            var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(since);
            if (!parsed.Success || parsed.Value > today)
            {
                return StoreResult<VisitSummary>.Invalid("since", $"'{since}' is not a past date (yyyy-MM-dd)");
            }

            from = parsed.Value;
        }

        return await new VisitSummaryBuilder(store).BuildAsync(id, today, from, WebClock.Actor(http.User), ct);
    }

    private static IResult Problem(StoreResult<VisitSummary> result) => result.Outcome == StoreOutcome.NotFound
        ? Results.NotFound(result.Message)
        : Results.BadRequest(result.Message);
}
