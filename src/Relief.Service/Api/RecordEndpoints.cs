using System.Text.Json;
using Relief.Fhir.Reading;
using Relief.Service.Security;
using Relief.Store.Application;
using Relief.Store.Model;

namespace Relief.Service.Api;

/// <summary>Whole records and trails: import a FHIR bundle, export a patient as FHIR, adherence, and an entry's amendment history.</summary>
internal static class RecordEndpoints
{
    /// <summary>Larger than an entry body (a Synthea patient is a few MB); the same as the service's default request limit.</summary>
    private const int MaxBundleBytes = 16 * 1024 * 1024;

    /// <summary>A day's adherence to a course: <c>{"date": "2026-11-30", "adherence": "taken"}</c> (taken, partly, missed).</summary>
    public sealed record AdherenceBody(DateOnly Date, string Adherence);

    /// <summary><c>POST /api/bundles</c>: a clinician imports one patient's FHIR R4 bundle (idempotent; conflicts reported).</summary>
    public static async Task<IResult> ImportAsync(HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (caller.Role != ApiClaims.ClinicianRole)
        {
            return ApiResponses.Problem(context, StatusCodes.Status403Forbidden, "forbidden", "role", "only a clinician imports records");
        }

        using var buffer = new MemoryStream();
        var limited = context.Request.ContentLength is > MaxBundleBytes;
        if (!limited)
        {
            var chunk = new byte[81920];
            int count;
            while ((count = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, count);
                if (buffer.Length > MaxBundleBytes)
                {
                    limited = true;
                    break;
                }
            }
        }

        if (limited)
        {
            return ApiResponses.Problem(context, StatusCodes.Status413PayloadTooLarge, "too-costly", "bundle", $"larger than {MaxBundleBytes / (1024 * 1024)} MB");
        }

        var bytes = buffer.ToArray();
        var parsed = FhirBundleReader.Read(bytes);
        if (parsed.Error is { } problem)
        {
            return ApiResponses.Problem(context, StatusCodes.Status400BadRequest, "invalid", "bundle", problem.Message);
        }

        // A clinician with a panel imports only their own patients (the same 404 wording as any unreachable record).
        if (!caller.MayReach(parsed.Record!.Id))
        {
            return ApiResponses.PatientNotFound(context, parsed.Record.Id);
        }

        var result = await store.ImportBundleAsync(bytes, caller.Actor, context.RequestAborted);
        if (!result.Succeeded)
        {
            return ApiResponses.Refused(context, result);
        }

        var report = result.Value!;
        return ApiResponses.Ok(context, report, status: report.Created > 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary><c>GET /api/patients/{id}/export</c>: the patient as a FHIR R4 collection bundle (application/fhir+json).</summary>
    public static async Task<IResult> ExportAsync(string id, HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (!caller.MayReach(id))
        {
            return ApiResponses.PatientNotFound(context, id);
        }

        var result = await store.ExportPatientAsync(id, caller.Actor, context.RequestAborted);
        return result.Succeeded ? Results.Text(result.Value!, "application/fhir+json", System.Text.Encoding.UTF8) : ApiResponses.Refused(context, result);
    }

    /// <summary><c>POST /api/courses/{courseId}/adherence</c>: whether the day's doses were taken; answers the course's totals.</summary>
    public static async Task<IResult> AdherenceAsync(long courseId, HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (await store.CourseOwnerAsync(courseId, context.RequestAborted) is not { } owner || !caller.MayReach(owner))
        {
            return ApiResponses.Problem(context, StatusCodes.Status404NotFound, "not-found", "id", $"course {courseId} not found");
        }

        var (body, error) = await ApiRequests.BodyAsync<AdherenceBody>(context);
        if (error is not null)
        {
            return error;
        }

        if (!Enum.TryParse<Adherence>(body!.Adherence, ignoreCase: true, out var adherence) || !Enum.IsDefined(adherence) || int.TryParse(body.Adherence, out _))
        {
            return ApiResponses.Problem(context, StatusCodes.Status400BadRequest, "invalid", "adherence", $"'{body.Adherence}' is not taken, partly or missed");
        }

        var result = await store.RecordAdherenceAsync(new AdherenceInput(courseId, body.Date, adherence), caller.Actor, context.RequestAborted);
        return result.Succeeded ? ApiResponses.Ok(context, result.Value, status: StatusCodes.Status201Created) : ApiResponses.Refused(context, result);
    }

    /// <summary><c>GET /api/{diary|courses|goals}/{id}/history</c>: the entry's amendment trail, oldest first.</summary>
    public static Func<long, HttpContext, FollowUpStore, Task<IResult>> History(HistoryKind kind) => async (entityId, context, store) =>
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        var result = await store.EntryHistoryAsync(kind, entityId, caller.Actor, context.RequestAborted);
        if (!result.Succeeded || !caller.MayReach(result.Value!.PatientId))
        {
            return ApiResponses.Problem(context, StatusCodes.Status404NotFound, "not-found", "id", $"{FollowUpStore.Describe(kind)} {entityId} not found");
        }

        return ApiResponses.Ok(context, result.Value, result.Value.CurrentVersion);
    };
}
