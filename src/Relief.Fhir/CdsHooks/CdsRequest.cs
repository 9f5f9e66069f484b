using System.Collections.Immutable;
using System.Text.Json;

namespace Relief.Fhir.CdsHooks;

/// <summary>
/// A CDS Hooks service call, checked for shape. Its <see cref="JsonElement"/>s point into the caller's
/// <see cref="JsonDocument"/>, which must outlive the request.
/// </summary>
public sealed record CdsRequest(
    CdsHook Hook,
    string HookInstance,
    CdsContext Context,
    Uri? FhirServer,
    FhirAuthorization? FhirAuthorization,
    PrefetchData Prefetch);

/// <summary>
/// The hook context Relief reads. <see cref="PatientId"/> is the bare id (a <c>Patient/</c> prefix, which
/// some clients send, is removed). <see cref="DraftOrders"/> is the order hooks' Bundle, undefined for patient-view.
/// </summary>
public sealed record CdsContext(
    string UserId,
    string PatientId,
    string? EncounterId,
    ImmutableArray<string> Selections,
    JsonElement DraftOrders)
{
    /// <summary>The user's id when the user is a Practitioner (<c>{{userPractitionerId}}</c>), else null.</summary>
    public string? UserPractitionerId => UserId.StartsWith("Practitioner/", StringComparison.Ordinal) ? UserId["Practitioner/".Length..] : null;
}

/// <summary>The bearer token the EHR grants for its FHIR server. Never logged.</summary>
public sealed record FhirAuthorization(string AccessToken, string TokenType, int? ExpiresIn, string? Scope, string? Subject, string? Patient)
{
    public override string ToString() => $"FhirAuthorization {{ TokenType = {TokenType}, Scope = {Scope} }}";
}
