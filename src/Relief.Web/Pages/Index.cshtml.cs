using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Relief.Web.Pages;

/// <summary>The start page: upload a bundle to assess without storing it.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
