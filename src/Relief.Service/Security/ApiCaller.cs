using System.Collections.Frozen;
using System.Security.Claims;

namespace Relief.Service.Security;

/// <summary>The claims an API token carries (docs/api.md, "Tokens").</summary>
public static class ApiClaims
{
    public const string Subject = "sub";

    /// <summary><c>clinician</c> or <c>patient</c>.</summary>
    public const string Role = "role";

    /// <summary>A patient's own FHIR Patient id.</summary>
    public const string Patient = "patient";

    /// <summary>A clinician's panel: the FHIR Patient ids they care for (a JSON array in the token).</summary>
    public const string Patients = "patients";

    /// <summary><c>*</c>: the clinician sees every patient in the store (e.g. a clinic's lead).</summary>
    public const string Panel = "panel";

    public const string ClinicianRole = "clinician";
    public const string PatientRole = "patient";
}

/// <summary>
/// Who is calling the API and which patients they may reach: a patient only their own record, a clinician the
/// patients of their panel (or all with <c>panel: *</c>). <see cref="Actor"/> is what the audit trail records.
/// </summary>
public sealed class ApiCaller
{
    private readonly FrozenSet<string>? _patients;

    private ApiCaller(string actor, string role, FrozenSet<string>? patients)
    {
        Actor = actor;
        Role = role;
        _patients = patients;
    }

    /// <summary>The token's <c>sub</c> (or the insecure development actor).</summary>
    public string Actor { get; }

    public string Role { get; }

    /// <summary>The patients this caller may reach, or null for every patient.</summary>
    public IReadOnlyCollection<string>? Patients => _patients;

    /// <summary>Development only (<c>--insecure-no-auth</c>): everything, recorded under this actor.</summary>
    public static ApiCaller Insecure { get; } = new("insecure-no-auth", ApiClaims.ClinicianRole, null);

    public bool MayReach(string patientId) => _patients is null || _patients.Contains(patientId);

    /// <summary>The caller a validated token describes, or null when it lacks what the API needs.</summary>
    public static ApiCaller? FromClaims(ClaimsPrincipal principal)
    {
        var sub = principal.FindFirst(ApiClaims.Subject)?.Value;
        if (string.IsNullOrWhiteSpace(sub))
        {
            return null;
        }

        var roles = principal.FindAll(ApiClaims.Role).Select(c => c.Value).ToList();
        if (roles is [ApiClaims.PatientRole])
        {
            var patient = principal.FindFirst(ApiClaims.Patient)?.Value;
            return string.IsNullOrWhiteSpace(patient) ? null : new ApiCaller(sub, ApiClaims.PatientRole, new[] { patient }.ToFrozenSet(StringComparer.Ordinal));
        }

        if (roles is [ApiClaims.ClinicianRole])
        {
            var all = principal.FindFirst(ApiClaims.Panel)?.Value == "*";
            var panel = principal.FindAll(ApiClaims.Patients).Select(c => c.Value).Where(v => v.Length > 0).ToFrozenSet(StringComparer.Ordinal);
            return new ApiCaller(sub, ApiClaims.ClinicianRole, all ? null : panel);
        }

        // No role, an unknown role, or both roles at once: refused rather than guessed.
        return null;
    }
}
