using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Relief.Web.SignIn;

namespace Relief.Web.Pages;

/// <summary>The start page: a clinician uploads a bundle to assess without storing it; a patient goes to their diary.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => WebAccess.For(HttpContext).OwnPatient is { } patient
        ? Redirect($"/diary/{Uri.EscapeDataString(patient)}")
        : Page();
}
