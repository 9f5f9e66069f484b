using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Relief.Service.Fhir;

/// <summary>
/// Every non-2xx answer is an OperationOutcome (CDS Hooks: "SHOULD"), built with Firely: the issue code,
/// the element concerned (FHIRPath-like, e.g. <c>context.patientId</c>), a sentence saying what is wrong,
/// and the correlation id so a report can be matched to the service's log.
/// </summary>
public static class OperationOutcomes
{
    public const string MediaType = "application/fhir+json";

    public static OperationOutcome Build(string issueCode, string? expression, string message, string correlationId, OperationOutcome.IssueSeverity severity = OperationOutcome.IssueSeverity.Error)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = severity,
            Code = Hl7.Fhir.Utility.EnumUtility.ParseLiteral<OperationOutcome.IssueType>(issueCode) ?? OperationOutcome.IssueType.Processing,
            Diagnostics = message,
            Details = new CodeableConcept { Text = message },
        };
        if (expression is not null)
        {
            issue.Expression = [expression];
        }

        var outcome = new OperationOutcome { Issue = [issue] };
        outcome.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Information,
            Code = OperationOutcome.IssueType.Informational,
            Diagnostics = $"correlation id {correlationId}",
        });
        return outcome;
    }

    public static Task WriteAsync(HttpContext context, int status, string issueCode, string? expression, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaType;
        var body = FirelyJson.Serialize(Build(issueCode, expression, message, context.TraceIdentifier));
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>An <see cref="IResult"/> for endpoint handlers.</summary>
    public static IResult Result(HttpContext context, int status, string issueCode, string? expression, string message) =>
        new OutcomeResult(status, FirelyJson.Serialize(Build(issueCode, expression, message, context.TraceIdentifier)));

    private sealed class OutcomeResult(int status, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = MediaType;
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
