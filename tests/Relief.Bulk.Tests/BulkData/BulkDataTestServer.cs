using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Relief.Bulk.Tests.BulkData;

/// <summary>How the test endpoint misbehaves, like real servers do.</summary>
internal sealed record ServerBehaviour
{
    /// <summary>Status polls answered 202 (with Retry-After: 1 and X-Progress) before the manifest.</summary>
    public int PollsBeforeReady { get; init; } = 3;

    /// <summary>The second status poll is answered 429 with Retry-After: 2.</summary>
    public bool StatusTooManyRequestsOnce { get; init; } = true;

    /// <summary>The first download of each file is answered 429 with Retry-After: 3.</summary>
    public bool FileTooManyRequestsOnce { get; init; } = true;

    /// <summary>The manifest entry of this type points at the Patient file (a server bug the check must catch).</summary>
    public string? WrongTypeFor { get; init; }

    /// <summary>The manifest count of this type is one more than the file holds.</summary>
    public string? CountOffFor { get; init; }
}

/// <summary>
/// A FHIR Bulk Data endpoint on 127.0.0.1 (ASP.NET Core minimal API) serving a synthetic export from a folder:
/// kick-off at the three levels, a status URL that answers 202 with Retry-After and X-Progress and once 429,
/// a manifest with absolute URLs, and the NDJSON files. It records every kick-off and every wait it asked for.
/// </summary>
internal sealed class BulkDataTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _exportDirectory;
    private readonly ServerBehaviour _behaviour;
    private readonly ConcurrentDictionary<string, int> _fileRequests = new(StringComparer.Ordinal);
    private int _polls;

    private BulkDataTestServer(WebApplication app, string exportDirectory, ServerBehaviour behaviour)
    {
        _app = app;
        _exportDirectory = exportDirectory;
        _behaviour = behaviour;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<string> KickOffs { get; } = new();

    public ConcurrentQueue<string> PreferHeaders { get; } = new();

    public int Polls => _polls;

    public static async Task<BulkDataTestServer> StartAsync(string exportDirectory, ServerBehaviour behaviour)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new BulkDataTestServer(app, exportDirectory, behaviour);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address + "/fhir/");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.EndsWith("/$export", StringComparison.Ordinal))
        {
            KickOffs.Enqueue(path + context.Request.QueryString.Value);
            PreferHeaders.Enqueue(context.Request.Headers["Prefer"].ToString());
            if (context.Request.Headers["Prefer"] != "respond-async")
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsJsonAsync(new { resourceType = "OperationOutcome", issue = new[] { new { severity = "error", code = "invalid", diagnostics = "Prefer: respond-async is required" } } });
                return;
            }

            context.Response.StatusCode = 202;
            context.Response.Headers.ContentLocation = $"{Root}/status/job-1";
            return;
        }

        if (path == "/status/job-1")
        {
            var poll = Interlocked.Increment(ref _polls);
            if (_behaviour.StatusTooManyRequestsOnce && poll == 2)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "2";
                return;
            }

            if (poll <= _behaviour.PollsBeforeReady)
            {
                context.Response.StatusCode = 202;
                context.Response.Headers.RetryAfter = "1";
                context.Response.Headers["X-Progress"] = $"exporting, poll {poll}";
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Manifest());
            return;
        }

        if (path.StartsWith("/files/", StringComparison.Ordinal))
        {
            var name = Path.GetFileName(path);
            var file = Path.Combine(_exportDirectory, name);
            if (!File.Exists(file))
            {
                context.Response.StatusCode = 404;
                return;
            }

            if (_behaviour.FileTooManyRequestsOnce && _fileRequests.AddOrUpdate(path, 1, (_, n) => n + 1) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "3";
                return;
            }

            context.Response.ContentType = "application/fhir+ndjson";
            await context.Response.SendFileAsync(file);
            return;
        }

        context.Response.StatusCode = 404;
    }

    private string Root => BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>The export's own manifest, with absolute URLs on this server and the configured faults.</summary>
    private byte[] Manifest()
    {
        using var source = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_exportDirectory, "manifest.json")));
        var output = source.RootElement.GetProperty("output").EnumerateArray().Select(o =>
        {
            var type = o.GetProperty("type").GetString()!;
            var url = type == _behaviour.WrongTypeFor ? "Patient.ndjson" : o.GetProperty("url").GetString()!;
            var count = o.GetProperty("count").GetInt64() + (type == _behaviour.CountOffFor ? 1 : 0);
            return new { type, url = $"{Root}/files/{url}", count };
        });
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            transactionTime = source.RootElement.GetProperty("transactionTime").GetString(),
            request = KickOffs.LastOrDefault() is { } last ? Root + last : "",
            requiresAccessToken = false,
            output,
            error = Array.Empty<object>(),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
