using Relief.Store.Application;

namespace Relief.Service.Api;

/// <summary>Changes to a running course, each conditional on the course's ETag (If-Match: missing 428, stale 412).</summary>
internal static class CourseEndpoints
{
    /// <summary>A new dose from a date on: <c>{"from": "2026-11-30", "dose": {"value": 60, "unit": "mg"}}</c>.</summary>
    public sealed record DoseChangeBody(DateOnly From, DoseInput Dose);

    /// <summary>Stopping a course: <c>{"stop": "2026-11-30", "reason": "nausea"}</c>.</summary>
    public sealed record StopBody(DateOnly Stop, string Reason);

    public static Task<IResult> ChangeDoseAsync(long courseId, HttpContext context, FollowUpStore store) =>
        AmendAsync<DoseChangeBody>(courseId, context, store, (body, version, actor) => store.ChangeDoseAsync(courseId, version, body.From, body.Dose, actor, context.RequestAborted));

    public static Task<IResult> StopAsync(long courseId, HttpContext context, FollowUpStore store) =>
        AmendAsync<StopBody>(courseId, context, store, (body, version, actor) => store.StopCourseAsync(courseId, version, body.Stop, body.Reason, actor, context.RequestAborted));

    private static async Task<IResult> AmendAsync<TBody>(long courseId, HttpContext context, FollowUpStore store, Func<TBody, int, string, Task<StoreResult<CourseView>>> amend)
        where TBody : class
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (await store.CourseOwnerAsync(courseId, context.RequestAborted) is not { } owner || !caller.MayReach(owner))
        {
            return ApiResponses.Problem(context, StatusCodes.Status404NotFound, "not-found", "id", $"course {courseId} not found");
        }

        var (version, preconditionError) = ApiRequests.IfMatch(context);
        if (preconditionError is not null)
        {
            return preconditionError;
        }

        var (body, error) = await ApiRequests.BodyAsync<TBody>(context);
        if (error is not null)
        {
            return error;
        }

        var result = await amend(body!, version, caller.Actor);
        return result.Succeeded ? ApiResponses.Ok(context, result.Value, result.Value!.Version) : ApiResponses.Refused(context, result);
    }
}
