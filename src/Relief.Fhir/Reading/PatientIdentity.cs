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

    public string Label => $"Patient/{Id}";

    public bool IsNamedBy(JsonElement reference)
    {
        // Most references in a large bundle name the patient exactly; compare those without a string.
        if (FullUrl is not null && reference.ValueEquals(FullUrl))
        {
            return true;
        }

        return reference.GetString() is { } text && IsNamedBy(text);
    }

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
