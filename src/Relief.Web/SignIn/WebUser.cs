namespace Relief.Web.SignIn;

/// <summary>
/// One person who may sign in to the pages: a patient (their own record only) or a clinician (their panel, or
/// every patient with <see cref="AllPatients"/>). The password is kept only as an ASP.NET Core Identity
/// <c>PasswordHasher</c> hash (PBKDF2 with a per-user salt), never in clear.
/// </summary>
public sealed record WebUser
{
    public required string Name { get; init; }

    public required string PasswordHash { get; init; }

    /// <summary><see cref="WebRoles.Patient"/> or <see cref="WebRoles.Clinician"/>.</summary>
    public required string Role { get; init; }

    /// <summary>A patient's own FHIR Patient id (the store's patient id).</summary>
    public string? Patient { get; init; }

    /// <summary>A clinician's panel: the patient ids they care for.</summary>
    public IReadOnlyList<string> Patients { get; init; } = [];

    /// <summary>A clinician who sees every stored patient (e.g. a clinic's lead).</summary>
    public bool AllPatients { get; init; }
}

/// <summary>The two roles of the pages, spelt as the REST API's tokens spell them.</summary>
public static class WebRoles
{
    public const string Patient = "patient";
    public const string Clinician = "clinician";
}
