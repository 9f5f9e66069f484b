using Relief.Store.Application;

namespace Relief.Service.Api;

/// <summary>Treatment courses, adverse events and lab results of one patient.</summary>
internal static class CareEndpoints
{
    public static async Task<IResult> CoursesAsync(string id, HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (!caller.MayReach(id))
        {
            return ApiResponses.PatientNotFound(context, id);
        }

        var result = await store.GetPatientAsync(id, caller.Actor, recentDiary: 0, context.RequestAborted);
        return result.Succeeded ? ApiResponses.Ok(context, new { items = result.Value!.Courses }) : ApiResponses.Refused(context, result);
    }

    public static Task<IResult> StartCourseAsync(string id, HttpContext context, FollowUpStore store) =>
        WriteAsync<CourseInput, CourseView>(id, context, (input, actor) => store.StartCourseAsync(id, input, actor, context.RequestAborted), v => v.Version);

    public static Task<IResult> AddAdverseEventAsync(string id, HttpContext context, FollowUpStore store) =>
        WriteAsync<AdverseEventInput, AdverseEventView>(id, context, (input, actor) => store.AddAdverseEventAsync(id, input, actor, context.RequestAborted), v => v.Version);

    public static Task<IResult> AddLabAsync(string id, HttpContext context, FollowUpStore store) =>
        WriteAsync<LabInput, LabResultView>(id, context, (input, actor) => store.AddLabResultAsync(id, input, actor, context.RequestAborted), v => v.Version);

    /// <summary>One creation for a patient: caller, reach, body, store, 201 with the new entry and its ETag.</summary>
    private static async Task<IResult> WriteAsync<TInput, TView>(string id, HttpContext context, Func<TInput, string, Task<StoreResult<TView>>> write, Func<TView, int> version)
        where TInput : class
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (!caller.MayReach(id))
        {
            return ApiResponses.PatientNotFound(context, id);
        }

        var (input, error) = await ApiRequests.BodyAsync<TInput>(context);
        if (error is not null)
        {
            return error;
        }

        var result = await write(input!, caller.Actor);
        return result.Succeeded ? ApiResponses.Ok(context, result.Value, version(result.Value!), StatusCodes.Status201Created) : ApiResponses.Refused(context, result);
    }
}
