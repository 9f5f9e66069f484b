using System.Globalization;
using System.Text.Json.Nodes;
using Relief.Store.Application;
using Relief.Store.Diary;

namespace Relief.Service.Api;

/// <summary>A patient's diary: list, record, read one entry (with its ETag), amend one (If-Match required).</summary>
internal static class DiaryEndpoints
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

        var (page, error) = ApiRequests.Page(context, caller);
        if (error is not null)
        {
            return error;
        }

        var result = await store.DiaryAsync(id, page!, caller.Actor, context.RequestAborted);
        return result.Succeeded ? ApiResponses.Ok(context, result.Value) : ApiResponses.Refused(context, result);
    }

    public static async Task<IResult> AddAsync(string id, HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        // Access before the body: a caller who may not reach the patient learns nothing from validation either.
        if (!caller.MayReach(id))
        {
            return ApiResponses.PatientNotFound(context, id);
        }

        var (input, error) = await ApiRequests.BodyAsync<DiaryInput>(context);
        if (error is not null)
        {
            return error;
        }

        var result = await store.AddDiaryEntryAsync(id, input! with { At = ApiRequests.Utc(input!.At) }, caller.Actor, context.RequestAborted);
        if (!result.Succeeded)
        {
            return ApiResponses.Refused(context, result);
        }

        context.Response.Headers.Location = $"/api/diary/{result.Value!.Id.ToString(CultureInfo.InvariantCulture)}";
        return ApiResponses.Ok(context, result.Value, result.Value.Version, StatusCodes.Status201Created);
    }

    public static async Task<IResult> GetAsync(long entryId, HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        // The owner is checked before the audited read, so a caller who may not reach it leaves no "read" of it.
        if (await store.DiaryEntryOwnerAsync(entryId, context.RequestAborted) is not { } owner || !caller.MayReach(owner))
        {
            return ApiResponses.DiaryEntryNotFound(context, entryId);
        }

        var result = await store.GetDiaryEntryAsync(entryId, caller.Actor, context.RequestAborted);
        return result.Succeeded ? ApiResponses.Ok(context, result.Value!.Entry, result.Value.Entry.Version) : ApiResponses.Refused(context, result);
    }

    /// <summary>
    /// Replaces the entry's values (send every field you want kept) with an optional <c>reason</c>; the previous
    /// values stay in the amendment trail. If-Match must carry the ETag read: missing 428, stale 412.
    /// </summary>
    public static async Task<IResult> AmendAsync(long entryId, HttpContext context, FollowUpStore store)
    {
        if (ApiRequests.Caller(context) is not { } caller)
        {
            return Results.Unauthorized();
        }

        if (await store.DiaryEntryOwnerAsync(entryId, context.RequestAborted) is not { } owner || !caller.MayReach(owner))
        {
            return ApiResponses.DiaryEntryNotFound(context, entryId);
        }

        var (version, preconditionError) = ApiRequests.IfMatch(context);
        if (preconditionError is not null)
        {
            return preconditionError;
        }

        string? reason = null;
        var (input, error) = await ApiRequests.BodyAsync<DiaryInput>(context, json =>
        {
            // The reason travels beside the entry's fields; a reason that is not a string stays and is refused as an unknown field.
            if (json["reason"] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                reason = text;
                json.Remove("reason");
            }

            return json;
        });
        if (error is not null)
        {
            return error;
        }

        var result = await store.AmendDiaryEntryAsync(entryId, version, input! with { At = ApiRequests.Utc(input!.At) }, caller.Actor, reason, context.RequestAborted);
        return result.Succeeded ? ApiResponses.Ok(context, result.Value, result.Value!.Version) : ApiResponses.Refused(context, result);
    }
}
