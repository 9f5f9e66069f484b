using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Relief.Web.SignIn;

namespace Relief.Web.Pages;

/// <summary>
/// Sign in with a name and password from the deployment's users file. A wrong name and a wrong password get the
/// same answer after the same work; a patient lands on their diary, a clinician on the worklist, unless a local
/// return address was asked for.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(WebUserFile users, SignInThrottle throttle, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Refused { get; private set; }

    public bool Locked { get; private set; }

    public bool Unavailable { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The client address as the socket saw it: behind a reverse proxy that is the proxy (docs/web.md).
        var address = HttpContext.Connection.RemoteIpAddress;
        if (throttle.IsLocked(Name, address))
        {
            Locked = true;
            Password = null;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        WebUser? user;
        try
        {
            user = string.IsNullOrEmpty(Name) || string.IsNullOrEmpty(Password) ? null : users.Verify(Name, Password);
        }
        catch (InvalidDataException e)
        {
            // A damaged accounts file: nobody can sign in; the log says why, the page says whom to tell.
            logger.LogError("Sign-in unavailable: {Problem}", e.Message);
            Unavailable = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        if (user is null)
        {
            throttle.Failed(Name, address);

            Refused = true;
            Password = null;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        throttle.Succeeded(user.Name);
        await HttpContext.SignInAsync(WebSignIn.Scheme, WebAccess.Principal(user), new AuthenticationProperties { IsPersistent = false });
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl))
        {
            return LocalRedirect(ReturnUrl);
        }

        return user.Role == WebRoles.Patient ? Redirect($"/diary/{Uri.EscapeDataString(user.Patient!)}") : Redirect("/worklist");
    }

    /// <summary>Sign out (a form with its antiforgery token, never a link a third party could trigger).</summary>
    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(WebSignIn.Scheme);
        return Redirect("/signin?signedOut=true");
    }
}
