using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
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

    /// <summary>Every request but discovery and the token endpoint must carry <c>Authorization: Bearer</c> this (else 401); the manifest then says requiresAccessToken.</summary>
    public string? BearerToken { get; init; }

    /// <summary>SMART Backend Services: the registered client and its public key; the token endpoint verifies the assertion and issues <see cref="BearerToken"/>.</summary>
    public (string ClientId, RSA PublicKey)? SmartClient { get; init; }

    /// <summary>The first request to each file is refused with 401 (an expired token), so the client must get a new one.</summary>
    public bool ExpireTokenOnFirstFileRequest { get; init; }

    /// <summary>Files are sent with Content-Encoding: gzip when the client accepts it.</summary>
    public bool GzipEncoding { get; init; }

    /// <summary>The manifest points at <c>.ndjson.gz</c> files (gzip content, not an encoding).</summary>
    public bool GzipFiles { get; init; }
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

    /// <summary>DELETE requests, by path.</summary>
    public ConcurrentQueue<string> Deletes { get; } = new();

    /// <summary>Requests refused for a missing or wrong bearer token, by path.</summary>
    public ConcurrentQueue<string> Unauthorised { get; } = new();

    /// <summary>The claims of every client assertion the token endpoint accepted.</summary>
    public ConcurrentQueue<JsonElement> Assertions { get; } = new();

    /// <summary>The scope of every token request.</summary>
    public ConcurrentQueue<string> Scopes { get; } = new();

    /// <summary>File responses sent gzip-encoded.</summary>
    public int GzipEncodedResponses => _gzipEncoded;

    private int _gzipEncoded;

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
        if (path == "/fhir/.well-known/smart-configuration" && _behaviour.SmartClient is not null)
        {
            await context.Response.WriteAsJsonAsync(new { token_endpoint = $"{Root}/auth/token", grant_types_supported = new[] { "client_credentials" } });
            return;
        }

        if (path == "/auth/token" && _behaviour.SmartClient is { } client)
        {
            await TokenAsync(context, client.ClientId, client.PublicKey);
            return;
        }

        if (_behaviour.BearerToken is { } token && context.Request.Headers.Authorization.ToString() != $"Bearer {token}")
        {
            Unauthorised.Enqueue(path);
            context.Response.StatusCode = 401;
            return;
        }

        if (path.StartsWith("/files/", StringComparison.Ordinal) && _behaviour.ExpireTokenOnFirstFileRequest
            && _fileRequests.AddOrUpdate("401 " + path, 1, (_, n) => n + 1) == 1)
        {
            Unauthorised.Enqueue(path);
            context.Response.StatusCode = 401;
            return;
        }

        if (HttpMethods.IsDelete(context.Request.Method))
        {
            Deletes.Enqueue(path);
            context.Response.StatusCode = path == "/status/job-1" ? 202 : 404;
            return;
        }
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
            var gzipFile = name.EndsWith(".gz", StringComparison.Ordinal);
            var file = Path.Combine(_exportDirectory, gzipFile ? name[..^3] : name);
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

            context.Response.ContentType = gzipFile ? "application/gzip" : "application/fhir+ndjson";
            var encode = _behaviour.GzipEncoding && context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.Ordinal);
            if (encode)
            {
                Interlocked.Increment(ref _gzipEncoded);
                context.Response.Headers.ContentEncoding = "gzip";
            }

            // A .gz file is gzip content; an encoded response is gzip on the wire; both, if asked, are gzip twice.
            await using var body = encode ? new GZipStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true) : context.Response.Body;
            if (gzipFile)
            {
                await using var zipped = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true);
                await zipped.WriteAsync(await File.ReadAllBytesAsync(file));
            }
            else
            {
                await body.WriteAsync(await File.ReadAllBytesAsync(file));
            }

            return;
        }

        context.Response.StatusCode = 404;
    }

    private string Root => BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>A SMART Backend Services token endpoint: checks the form and the RS384 assertion before issuing the token.</summary>
    private async Task TokenAsync(HttpContext context, string clientId, RSA publicKey)
    {
        var form = await context.Request.ReadFormAsync();
        var assertion = form["client_assertion"].ToString().Split('.');
        var valid = form["grant_type"] == "client_credentials"
            && form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            && assertion.Length == 3
            && publicKey.VerifyData(Encoding.ASCII.GetBytes($"{assertion[0]}.{assertion[1]}"), FromBase64Url(assertion[2]), HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1);
        if (!valid)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_client" });
            return;
        }

        var header = JsonDocument.Parse(FromBase64Url(assertion[0])).RootElement;
        var claims = JsonDocument.Parse(FromBase64Url(assertion[1])).RootElement;
        if (header.GetProperty("alg").GetString() != "RS384" || claims.GetProperty("iss").GetString() != clientId || claims.GetProperty("sub").GetString() != clientId
            || claims.GetProperty("aud").GetString() != $"{Root}/auth/token")
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_client" });
            return;
        }

        Assertions.Enqueue(claims);
        Scopes.Enqueue(form["scope"].ToString());
        await context.Response.WriteAsJsonAsync(new { access_token = _behaviour.BearerToken, token_type = "bearer", expires_in = 300, scope = form["scope"].ToString() });
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }

    /// <summary>The export's own manifest, with absolute URLs on this server and the configured faults.</summary>
    private byte[] Manifest()
    {
        using var source = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_exportDirectory, "manifest.json")));
        var output = source.RootElement.GetProperty("output").EnumerateArray().Select(o =>
        {
            var type = o.GetProperty("type").GetString()!;
            var url = type == _behaviour.WrongTypeFor ? "Patient.ndjson" : o.GetProperty("url").GetString()!;
            var count = o.GetProperty("count").GetInt64() + (type == _behaviour.CountOffFor ? 1 : 0);
            return new { type, url = $"{Root}/files/{url}{(_behaviour.GzipFiles ? ".gz" : "")}", count };
        });
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            transactionTime = source.RootElement.GetProperty("transactionTime").GetString(),
            request = KickOffs.LastOrDefault() is { } last ? Root + last : "",
            requiresAccessToken = _behaviour.BearerToken is not null,
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
