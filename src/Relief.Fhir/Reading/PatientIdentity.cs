using System.Text.Json;

namespace Relief.Fhir.Reading;

/// <summary>
/// The one patient a read is about, and the ways a reference can name it: the entry's fullUrl
/// (<c>urn:uuid:…</c> in Synthea), <c>Patient/id</c>, or an absolute URL ending in <c>/Patient/id</c>.
/// </summary>
internal sealed class PatientIdentity(string id, string? fullUrl)
{
    public string Id { get; } = id;

    public string? FullUrl { get; } = fullUrl;

    public string Label { get; } = $"Patient/{id}";

    public bool IsNamedBy(JsonElement reference)
    {
        // Most references name the patient exactly (its fullUrl in a bundle, Patient/id in a bulk export);
        // compare those without a string. An id holding "/_history/" reads otherwise, so it takes the long way.
        if ((FullUrl is not null && reference.ValueEquals(FullUrl)) || (plainId && reference.ValueEquals(Label)))
        {
            return true;
        }

        return reference.GetString() is { } text && IsNamedBy(text);
    }

    private readonly bool plainId = !id.Contains("/_history/", StringComparison.Ordinal);

    public bool IsNamedBy(string reference)
    {
        var target = References.WithoutHistory(reference);
        if (FullUrl is not null && target.SequenceEqual(FullUrl))
        {
            return true;
        }

        if (!target.EndsWith(Id, StringComparison.Ordinal))
        {
            return false;
        }

        var head = target[..^Id.Length];
        return head.SequenceEqual("Patient/") || head.EndsWith("/Patient/", StringComparison.Ordinal);
    }
}
