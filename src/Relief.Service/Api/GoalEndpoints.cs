using Relief.Store.Application;

namespace Relief.Service.Api;

/// <summary>The patient's own goals: list, add, and change a goal's status (conditional on its ETag).</summary>
internal static class GoalEndpoints
{
    public static async Task<IResult> ListAsync(string id, HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (!caller.MayReach(id))
        {
            return ApiResponses.PatientNotFound(context, id);
        }

        var result = await store.GoalsAsync(id, caller.Actor, context.RequestAborted);
        return result.Succeeded ? ApiResponses.Ok(context, new { items = result.Value }) : ApiResponses.Refused(context, result);
    }

    public static async Task<IResult> AddAsync(string id, HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (!caller.MayReach(id))
        {
            return ApiResponses.PatientNotFound(context, id);
        }

        var (input, error) = await ApiRequests.BodyAsync<GoalInput>(context);
        if (error is not null)
        {
            return error;
        }

        var result = await store.AddGoalAsync(id, input!, caller.Actor, context.RequestAborted);
        return result.Succeeded ? ApiResponses.Ok(context, result.Value, result.Value!.Version, StatusCodes.Status201Created) : ApiResponses.Refused(context, result);
    }

    /// <summary><c>PUT /api/goals/{goalId}/status</c> with <c>{"lifecycle": "completed", "achievement": "achieved", "reason": "..."}</c> and If-Match.</summary>
    public static async Task<IResult> UpdateStatusAsync(long goalId, HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (await store.GoalOwnerAsync(goalId, context.RequestAborted) is not { } owner || !caller.MayReach(owner))
        {
            return ApiResponses.Problem(context, StatusCodes.Status404NotFound, "not-found", "id", $"goal {goalId} not found");
        }

        var (version, preconditionError) = ApiRequests.IfMatch(context);
        if (preconditionError is not null)
        {
            return preconditionError;
        }

        var (body, error) = await ApiRequests.BodyAsync<GoalStatusInput>(context);
        if (error is not null)
        {
            return error;
        }

        var result = await store.UpdateGoalStatusAsync(goalId, version, body!, caller.Actor, context.RequestAborted);
        return result.Succeeded ? ApiResponses.Ok(context, result.Value, result.Value!.Version) : ApiResponses.Refused(context, result);
    }
}
