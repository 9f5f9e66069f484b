namespace Relief.Web.SignIn;

/// <summary>How people sign in to the pages: the accounts file, and the development switch that turns sign-in off.</summary>
public sealed class WebSignInOptions
{
    /// <summary>The accounts file (<see cref="WebUserFile"/>); default <see cref="WebUserFile.DefaultPath"/>.</summary>
    public string UsersFile { get; init; } = WebUserFile.DefaultPath();

    /// <summary>Development only: the pages are open to anyone who reaches the port; every page says so.</summary>
    public bool InsecureNoAuth { get; init; }

    /// <summary>Failed sign-ins from one client address within <see cref="SignInThrottle.Window"/> before that address is refused.</summary>
    public int SignInFailuresPerAddress { get; init; } = SignInThrottle.DefaultMaxFailuresPerAddress;

    /// <summary>A session ends this long after the last request.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromHours(8);
}
