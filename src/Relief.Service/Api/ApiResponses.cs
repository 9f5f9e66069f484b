using System.Text.Json;
using System.Text.Json.Serialization;
using Hl7.Fhir.Model;
using Relief.Service.Fhir;
using Relief.Store.Application;
using Task = System.Threading.Tasks.Task;

namespace Relief.Service.Api;

/// <summary>
/// How the API answers: JSON bodies (camelCase), an ETag on single entries, and every refusal an
/// OperationOutcome with one issue per problem, its <c>expression</c> naming the field. Store outcomes map
/// without re-deciding: Invalid 400, NotFound 404, Conflict (stale version) 412.
/// </summary>
public static class ApiResponses
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        // Unknown fields, nulls where a value is required and missing required values are 400s, not silent defaults.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 16,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { OptionalWhenNullable } },
    };

    /// <summary>A nullable constructor parameter (a course's first dose, a suspected course) may be left out of the body.</summary>
    private static void OptionalWhenNullable(System.Text.Json.Serialization.Metadata.JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is { IsNullable: true })
            {
                property.IsRequired = false;
            }
        }
    }

    /// <summary>The weak ETag of a stored version (the store's versions are per entry, so weak is what they are).</summary>
    public static string ETag(int version) => $"W/\"{version}\"";

    public static IResult Ok<T>(HttpContext context, T value, int? version = null, int status = StatusCodes.Status200OK)
    {
        if (version is { } v)
        {
            context.Response.Headers.ETag = ETag(v);
        }

        return Results.Json(value, Json, statusCode: status);
    }

    /// <summary>A refused store result as its status and OperationOutcome.</summary>
    public static IResult Refused<T>(HttpContext context, StoreResult<T> result) => result.Outcome switch
    {
        StoreOutcome.Invalid => Outcome(context, StatusCodes.Status400BadRequest, "invalid", result.Errors),
        StoreOutcome.NotFound => Outcome(context, StatusCodes.Status404NotFound, "not-found", result.Errors),
        StoreOutcome.Conflict => Outcome(context, StatusCodes.Status412PreconditionFailed, "conflict", result.Errors),
        _ => throw new InvalidOperationException($"{result.Outcome} is not a refusal"),
    };

    /// <summary>
    /// 404 for a patient the caller may not reach, worded exactly as for one that does not exist, so the answer
    /// does not tell whether the record exists.
    /// </summary>
    public static IResult PatientNotFound(HttpContext context, string patientId) =>
        Outcome(context, StatusCodes.Status404NotFound, "not-found", [new StoreError("id", $"patient {patientId} not found")]);

    public static IResult DiaryEntryNotFound(HttpContext context, long entryId) =>
        Outcome(context, StatusCodes.Status404NotFound, "not-found", [new StoreError("id", $"diary entry {entryId} not found")]);

    public static IResult Problem(HttpContext context, int status, string issueCode, string field, string message) =>
        Outcome(context, status, issueCode, [new StoreError(field, message)]);

    private static IResult Outcome(HttpContext context, int status, string issueCode, IEnumerable<StoreError> errors)
    {
        var code = Hl7.Fhir.Utility.EnumUtility.ParseLiteral<OperationOutcome.IssueType>(issueCode) ?? OperationOutcome.IssueType.Processing;
        var outcome = new OperationOutcome();
        foreach (var error in errors)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = code,
                Expression = [error.Field],
                Diagnostics = error.ToString(),
                Details = new CodeableConcept { Text = error.Message },
            });
        }

        outcome.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Information,
            Code = OperationOutcome.IssueType.Informational,
            Diagnostics = $"correlation id {context.TraceIdentifier}",
        });
        return new OutcomeResult(status, FirelyJson.Serialize(outcome));
    }

    private sealed class OutcomeResult(int status, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = OperationOutcomes.MediaType;
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
