namespace Relief.Fhir.Reading;

/// <summary>Why a read failed: a kind to branch on and a one-line message to show a person.</summary>
public sealed record FhirReadError(FhirReadErrorKind Kind, string Message)
{
    public override string ToString() => Message;
}
