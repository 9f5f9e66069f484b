using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Relief.Web.SignIn;

/// <summary>
/// What the person using the pages may reach, read from their sign-in cookie's claims (the same claim names as
/// the REST API's tokens): a patient their own record, a clinician their panel or every patient. With
/// <c>--insecure-no-auth</c> and nobody signed in, everything, as an anonymous clinician.
/// </summary>
public sealed class WebAccess
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    public const string PatientClaim = "patient";
    public const string PatientsClaim = "patients";
    public const string PanelClaim = "panel";

    /// <summary>A hash of the account's password hash: a changed password or a removed account ends the session.</summary>
    public const string StampClaim = "stamp";

    private readonly HashSet<string>? _patients;

    private WebAccess(string? name, string? role, HashSet<string>? patients, bool insecure)
    {
        Name = name;
        Role = role;
        _patients = patients;
        Insecure = insecure;
    }

    public string? Name { get; }

    public string? Role { get; }

    /// <summary>Sign-in is switched off (development only); every page says so.</summary>
    public bool Insecure { get; }

    public bool IsPatient => Role == WebRoles.Patient;

    public bool IsClinician => Role == WebRoles.Clinician;

    /// <summary>The patient's own id, for a signed-in patient.</summary>
    public string? OwnPatient => IsPatient ? _patients?.Single() : null;

    /// <summary>The patients this person may reach, or null for all.</summary>
    public IReadOnlyCollection<string>? Patients => _patients;

    public bool MayReach(string patientId) => _patients is null || _patients.Contains(patientId);

    public static WebAccess For(HttpContext context)
    {
        var insecure = context.RequestServices.GetRequiredService<WebSignInOptions>().InsecureNoAuth;
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.Identity.AuthenticationType != WebSignIn.Scheme)
        {
            return insecure ? new WebAccess(null, WebRoles.Clinician, null, insecure: true) : new WebAccess(null, null, [], insecure: false);
        }

        var role = user.FindFirstValue(RoleClaim);
        HashSet<string>? patients = role switch
        {
            WebRoles.Patient => [user.FindFirstValue(PatientClaim) ?? ""],
            WebRoles.Clinician when user.FindFirstValue(PanelClaim) == "*" => null,
            WebRoles.Clinician => [.. user.FindAll(PatientsClaim).Select(c => c.Value)],
            _ => [],
        };
        return new WebAccess(user.FindFirstValue(SubjectClaim), role, patients, insecure);
    }

    /// <summary>The claims a signed-in account carries.</summary>
    public static ClaimsPrincipal Principal(WebUser user)
    {
        var claims = new List<Claim>
        {
            new(SubjectClaim, user.Name),
            new(RoleClaim, user.Role),
            new(StampClaim, Stamp(user)),
        };
        if (user.Patient is { } patient)
        {
            claims.Add(new Claim(PatientClaim, patient));
        }

        claims.AddRange(user.Patients.Select(p => new Claim(PatientsClaim, p)));
        if (user.AllPatients)
        {
            claims.Add(new Claim(PanelClaim, "*"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, WebSignIn.Scheme, SubjectClaim, RoleClaim));
    }

    /// <summary>Changes when the password, the role or the reach of an account changes.</summary>
    public static string Stamp(WebUser user)
    {
        var text = string.Join('\n', [user.PasswordHash, user.Role, user.Patient ?? "", user.AllPatients ? "*" : "", .. user.Patients]);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..32];
    }
}
