using Microsoft.AspNetCore.Mvc.RazorPages;
using Relief.Store.Application;
using Relief.Web.SignIn;

namespace Relief.Web.Pages.Patients;

/// <summary>The stored patients the clinician may reach (their panel), a page at a time.</summary>
public sealed class IndexModel(FollowUpStore store) : PageModel
{
    public Page<PatientSummary> Patients { get; private set; } = new([], null);

    public async Task OnGetAsync(string? after, CancellationToken cancellationToken) =>
        Patients = await store.ListPatientsAsync(new PageRequest(50, after) { OnlyPatients = WebAccess.For(HttpContext).Patients }, WebClock.Actor(User), cancellationToken);
}
