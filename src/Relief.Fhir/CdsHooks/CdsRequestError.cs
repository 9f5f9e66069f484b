namespace Relief.Fhir.CdsHooks;

/// <summary>
/// Why a request cannot be answered with cards: the HTTP status, the OperationOutcome issue code
/// (<c>structure</c>, <c>required</c>, <c>value</c>, <c>invalid</c>, <c>not-supported</c>, <c>processing</c>),
/// the element concerned (<c>context.patientId</c>) and a sentence a developer at the EHR can act on.
/// </summary>
public sealed record CdsRequestError(int Status, string IssueCode, string? Expression, string Message)
{
    public static CdsRequestError Syntax(string message) => new(400, "structure", null, message);

    public static CdsRequestError Missing(string expression, string what) => new(400, "required", expression, $"{expression} is required: {what}");

    public static CdsRequestError Mistyped(string expression, string message) => new(400, "value", expression, message);

    public override string ToString() => Expression is null ? Message : $"{Expression}: {Message}";
}
