using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Relief.Service.CdsHooks;
using Relief.Service.Hosting;
using Relief.Service.Security;
using Relief.Store.Application;

namespace Relief.Service.Api;

/// <summary>
/// Reading what a request says, each failure a ready 4xx answer naming the field: the caller, the JSON body
/// (size-limited, strict), paging, <c>If-Match</c> and dates. Never an exception out of a handler.
/// </summary>
public static class ApiRequests
{
    /// <summary>An API body is one entry, never a record: 256 KB is generous and keeps a flood cheap to refuse.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    /// <summary>The caller: the validated token's subject and reach, or the development caller under --insecure-no-auth.</summary>
    public static ApiCaller? Caller(HttpContext context)
    {
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: not null } && ApiCaller.FromClaims(context.User) is { } caller)
        {
            return caller;
        }

        return context.RequestServices.GetRequiredService<AuthOptions>().InsecureNoAuth ? ApiCaller.Insecure : null;
    }

    public static async Task<(T? Value, IResult? Error)> BodyAsync<T>(HttpContext context, Func<JsonObject, JsonObject>? prepare = null)
        where T : class
    {
        var (node, error) = await JsonBodyAsync(context);
        if (error is not null)
        {
            return (null, error);
        }

        try
        {
            var value = (prepare is null ? node! : prepare(node!)).Deserialize<T>(ApiResponses.Json);
            return value is null ? (null, ApiResponses.Problem(context, 400, "required", "body", "a JSON object is required")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Unreadable(context, e));
        }
    }

    /// <summary>The body as a JSON object (for bodies that carry a field beside the entry, such as an amendment's reason).</summary>
    public static async Task<(JsonObject? Value, IResult? Error)> JsonBodyAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, ApiResponses.Problem(context, StatusCodes.Status415UnsupportedMediaType, "not-supported", "Content-Type", "send application/json"));
        }

        using var body = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return (null, ApiResponses.Problem(context, StatusCodes.Status413PayloadTooLarge, "too-costly", "body", $"larger than {MaxBodyBytes} bytes"));
        }

        try
        {
            return JsonNode.Parse(body.Memory.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }) is JsonObject json
                ? (json, null)
                : (null, ApiResponses.Problem(context, 400, "structure", "body", "a JSON object is required"));
        }
        catch (JsonException e)
        {
            return (null, Unreadable(context, e));
        }
    }

    /// <summary>?after=&amp;size= (size 1-1000, default 50), restricted to the caller's patients.</summary>
    public static (PageRequest? Page, IResult? Error) Page(HttpContext context, ApiCaller caller)
    {
        var query = context.Request.Query;
        var size = 50;
        if (query.TryGetValue("size", out var sizeText) && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > PageRequest.MaxSize))
        {
            return (null, ApiResponses.Problem(context, 400, "invalid", "size", $"a whole number 1-{PageRequest.MaxSize}"));
        }

        var after = query.TryGetValue("after", out var afterText) && !string.IsNullOrEmpty(afterText) ? afterText.ToString() : null;
        return (new PageRequest(size, after) { OnlyPatients = caller.Patients }, null);
    }

    /// <summary>The version an <c>If-Match</c> names: missing is 428; one that names no version of ours can only be stale (412).</summary>
    public static (int Version, IResult? Error) IfMatch(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return (0, ApiResponses.Problem(context, StatusCodes.Status428PreconditionRequired, "required", "If-Match", "send the entry's ETag in If-Match (read the entry first)"));
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && int.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (0, ApiResponses.Problem(context, StatusCodes.Status412PreconditionFailed, "conflict", "If-Match", "does not match the entry's ETag: read it again"));
    }

    /// <summary>?asOf=yyyy-MM-dd, default today (UTC, from the host's clock).</summary>
    public static (LocalDate Date, IResult? Error) AsOf(HttpContext context)
    {
        var text = context.Request.Query["asOf"].ToString();
        if (text.Length == 0)
        {
            return (LocalDate.FromDateTime(context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime), null);
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? (parsed.Value, null) : (default, ApiResponses.Problem(context, 400, "invalid", "asOf", "a date yyyy-MM-dd"));
    }

    /// <summary>A time without an offset is UTC; one with an offset is converted to UTC.</summary>
    public static DateTime? Utc(DateTime? at) => at switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        { } t => t.ToUniversalTime(),
    };

    private static IResult Unreadable(HttpContext context, JsonException e)
    {
        // System.Text.Json's own message says what is wrong without quoting the value; its path names the field.
        var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        var message = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
        return ApiResponses.Problem(context, 400, "structure", field, message.Length > 0 ? message : "not valid JSON");
    }
}
