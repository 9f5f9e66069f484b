using NodaTime;

namespace Relief.Web.Pages;

/// <summary>Today's date from the host's <see cref="TimeProvider"/> (tests pin it); pages never read the system clock.</summary>
public static class WebClock
{
    public static LocalDate Today(TimeProvider clock) => LocalDate.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Who is acting, for the store's audit trail: the signed-in user, else "web".</summary>
    public static string Actor(System.Security.Claims.ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "web";
}
