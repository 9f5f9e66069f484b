using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Relief.Core.Knowledge;
using Relief.Fhir.Contract;
using Relief.Store.Application;
using Relief.Store.Assessment;
using Relief.Reports.Timeline;
using Relief.Web.SignIn;

namespace Relief.Web.Pages.Patients;

/// <summary>
/// One stored patient, assessed from their whole history: the same sections as an uploaded record, plus the
/// courses with adherence, adverse events, PEM crashes and pacing advice that only the store knows.
/// </summary>
public sealed class ShowModel(FollowUpStore store, KnowledgeBase knowledge, TimeProvider clock) : PageModel
{
    public PatientOverview Overview { get; private set; } = null!;

    public StoredAssessment Stored { get; private set; } = null!;

    public AssessmentView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!WebAccess.For(HttpContext).MayReach(id))
        {
            return Forbid();
        }

        var actor = WebClock.Actor(User);
        var overview = await store.GetPatientAsync(id, actor, recentDiary: 14, cancellationToken);
        if (overview.Outcome == StoreOutcome.NotFound)
        {
            return NotFound();
        }

        var assessed = await store.AssessAsync(id, WebClock.Today(clock), actor, cancellationToken);
        Overview = overview.Value!;
        Stored = assessed.Value!;
        var record = Stored.Record;
        View = new AssessmentView(Stored.Assessment, new AssessmentDocument { Assessment = Stored.Assessment })
        {
            Scores = record is null ? [] : PatientTimeline.Scores(record, knowledge),
            Labs = record is null ? [] : PatientTimeline.Labs(record, knowledge),
        };
        return Page();
    }
}
