using Relief.Fhir.Contract;
using Relief.Store.Application;

namespace Relief.Service.Api;

/// <summary>Patients, their assessment, and the tasks due across the caller's patients.</summary>
internal static class PatientEndpoints
{
    public static async Task<IResult> ListAsync(HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        var (page, error) = ApiRequests.Page(context, caller);
        return error ?? ApiResponses.Ok(context, await store.ListPatientsAsync(page!, caller.Actor, context.RequestAborted));
    }

    public static async Task<IResult> GetAsync(string id, HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (!caller.MayReach(id))
        {
            return ApiResponses.PatientNotFound(context, id);
        }

        var result = await store.GetPatientAsync(id, caller.Actor, cancellationToken: context.RequestAborted);
        return result.Succeeded ? ApiResponses.Ok(context, result.Value, result.Value!.Patient.Version) : ApiResponses.Refused(context, result);
    }

    /// <summary>The assessment of the stored history in the one JSON contract (docs/assessment.schema.json), disclaimer included.</summary>
    public static async Task<IResult> AssessmentAsync(string id, HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (!caller.MayReach(id))
        {
            return ApiResponses.PatientNotFound(context, id);
        }

        var (asOf, error) = ApiRequests.AsOf(context);
        if (error is not null)
        {
            return error;
        }

        var result = await store.AssessAsync(id, asOf, caller.Actor, context.RequestAborted);
        return result.Succeeded
            ? Results.Json(new AssessmentDocument { Assessment = result.Value!.Assessment }, AssessmentJsonContext.Default.AssessmentDocument)
            : ApiResponses.Refused(context, result);
    }

    /// <summary>Open monitoring tasks due by ?asOf= (default today), most overdue first, across the patients the caller reaches.</summary>
    public static async Task<IResult> DueTasksAsync(HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        var (page, pageError) = ApiRequests.Page(context, caller);
        var (asOf, dateError) = ApiRequests.AsOf(context);
        return pageError ?? dateError ?? ApiResponses.Ok(context, await store.DueTasksAsync(asOf, page!, caller.Actor, context.RequestAborted));
    }
}
