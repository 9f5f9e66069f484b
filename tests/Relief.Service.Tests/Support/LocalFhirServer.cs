using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Relief.Service.Tests.Support;

/// <summary>
/// A small FHIR server on 127.0.0.1 for the fhirServer path: it answers reads and searches from one patient's
/// resources, pages searchsets two entries at a time (with absolute next links), checks the bearer token,
/// and can be told to answer 429 with Retry-After, or 503, or an OperationOutcome, a number of times.
/// </summary>
public sealed class LocalFhirServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<JsonObject> _resources;

    private LocalFhirServer(WebApplication app, List<JsonObject> resources)
    {
        _app = app;
        _resources = resources;
    }

    public string BaseUrl { get; private set; } = "";

    public string Token { get; } = "fhir-token-" + Guid.NewGuid().ToString("N");

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>When false, calls without the token are answered too (an open test server).</summary>
    public bool RequireToken { get; set; } = true;

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    /// <summary>Answers to give before the real one, per resource type: 429, 503, or 200 with an OperationOutcome ("oo").</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<string>> Faults { get; } = new();

    public static async Task<LocalFhirServer> StartAsync(IEnumerable<JsonObject> resources)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalFhirServer(app, [.. resources]);
        app.MapGet("/fhir/{type}/{id}", (string type, string id, HttpContext http) => server.Read(type, id, http));
        app.MapGet("/fhir/{type}", (string type, HttpContext http) => server.Search(type, http));
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/fhir";
        return server;
    }

    private IResult? Check(string type, HttpContext http)
    {
        Requests.Enqueue(http.Request.Path + http.Request.QueryString);
        Authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
        if (RequireToken && http.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            return Results.StatusCode(401);
        }

        if (Faults.TryGetValue(type, out var faults) && faults.TryDequeue(out var fault))
        {
            switch (fault)
            {
                case "429":
                    http.Response.Headers.RetryAfter = "0";
                    return Results.StatusCode(429);
                case "503":
                    return Results.StatusCode(503);
                case "hang":
                    return Results.Text(new string(' ', 1)); // not reached: replaced below
                default:
                    return Results.Content("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"exception","diagnostics":"search failed on the EHR"}]}""", "application/fhir+json");
            }
        }

        return null;
    }

    private IResult Read(string type, string id, HttpContext http)
    {
        if (Check(type, http) is { } refused)
        {
            return refused;
        }

        var resource = _resources.FirstOrDefault(r => (string)r["resourceType"]! == type && (string)r["id"]! == id);
        return resource is null ? Results.NotFound() : Results.Content(resource.ToJsonString(), "application/fhir+json");
    }

    private async Task<IResult> Search(string type, HttpContext http)
    {
        if (Faults.TryGetValue(type, out var faults) && faults.TryPeek(out var next) && next == "hang")
        {
            faults.TryDequeue(out _);
            await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted).ContinueWith(_ => { });
            return Results.StatusCode(504);
        }

        if (Check(type, http) is { } refused)
        {
            return refused;
        }

        var patient = http.Request.Query["patient"].ToString();
        var category = http.Request.Query["category"].ToString();
        var matches = _resources.Where(r => (string)r["resourceType"]! == type
            && (r["subject"]?["reference"]?.GetValue<string>() ?? r["patient"]?["reference"]?.GetValue<string>()) == $"Patient/{patient}"
            && (category.Length == 0 || r["category"]?.ToJsonString().Contains($"\"{category}\"", StringComparison.Ordinal) == true)).ToList();
        var page = int.TryParse(http.Request.Query["_page"], out var p) ? p : 0;
        const int size = 2;
        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "searchset",
            ["total"] = matches.Count,
            ["entry"] = new JsonArray([.. matches.Skip(page * size).Take(size).Select(r => (JsonNode)new JsonObject { ["fullUrl"] = $"{BaseUrl}/{type}/{r["id"]}", ["resource"] = r.DeepClone() })]),
        };
        if ((page + 1) * size < matches.Count)
        {
            var query = System.Web.HttpUtility.ParseQueryString(http.Request.QueryString.Value ?? "");
            query["_page"] = (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            bundle["link"] = new JsonArray(new JsonObject { ["relation"] = "next", ["url"] = $"{BaseUrl}/{type}?{query}" });
        }

        return Results.Content(bundle.ToJsonString(), "application/fhir+json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
