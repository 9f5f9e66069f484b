using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Relief.Bulk.BulkData;

/// <summary>
/// A FHIR Bulk Data Access (IG v2) client: kicks off <c>$export</c> (system, patient or group level, with
/// <c>_type</c> and <c>_since</c>), polls the status URL honouring Retry-After (and reporting X-Progress), reads
/// the manifest, downloads the output files with bounded parallelism, and checks each file's resourceType and
/// line count against the manifest, then DELETEs the status URL so the server can free the files. A bearer token
/// (static or by SMART Backend Services) is sent when configured; files are asked for gzip-encoded and stored
/// decompressed, and files the manifest serves as <c>.ndjson.gz</c> are stored as served and checked decompressed.
/// The status URL and finished files are kept in the output folder, so a run that is killed resumes where it
/// stopped and never kicks off a second export.
/// </summary>
public sealed class BulkDataClient(HttpClient http, BulkDataClientOptions? options = null)
{
    public const string ManifestFile = "manifest.json";
    public const string ServerManifestFile = "server-manifest.json";

    private readonly BulkDataClientOptions _options = options ?? new BulkDataClientOptions();

    public async Task<ExportResult> ExportAsync(ExportRequest request, string outputDirectory, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Directory.CreateDirectory(outputDirectory);
        var problems = new List<ExportProblem>();
        var kickOff = request.KickOffUrl();

        var state = ExportState.Load(outputDirectory);
        var resumed = state is not null && state.StatusUrl.Length > 0;
        if (state is not null && state.KickOff != kickOff.AbsoluteUri)
        {
            problems.Add(new ExportProblem(ExportState.FileName, $"this folder holds another export ({state.KickOff}); use an empty folder"));
            return new ExportResult(null, [], problems, false);
        }

        var manifestPath = Path.Combine(outputDirectory, ManifestFile);
        if (state is { Complete: true } && File.Exists(manifestPath)
            && ExportManifest.Parse(await File.ReadAllBytesAsync(manifestPath, cancellation), out _) is { } finished)
        {
            // Done before: the files are here and checked; the server's job may be gone by now, so do not ask it.
            Report($"already complete: {manifestPath}");
            return new ExportResult(manifestPath, [.. finished.Output.Select(f => new DownloadedFile(f.Type, f.Url, f.Url, f.Count ?? 0, f.Count))], [], true);
        }

        if (!resumed)
        {
            var statusUrl = await KickOffAsync(kickOff, problems, cancellation);
            if (statusUrl is null)
            {
                return new ExportResult(null, [], problems, false);
            }

            state = new ExportState { KickOff = kickOff.AbsoluteUri, StatusUrl = statusUrl.AbsoluteUri };
            state.Save(outputDirectory);
        }
        else
        {
            Report($"resuming: polling {state!.StatusUrl}");
        }

        var manifestBytes = await PollAsync(new Uri(state!.StatusUrl), resumed, problems, cancellation);
        if (manifestBytes is null)
        {
            return new ExportResult(null, [], problems, resumed);
        }

        await File.WriteAllBytesAsync(Path.Combine(outputDirectory, ServerManifestFile), manifestBytes, cancellation);
        var manifest = ExportManifest.Parse(manifestBytes, out var invalid);
        if (manifest is null)
        {
            problems.Add(new ExportProblem("manifest", invalid!));
            return new ExportResult(null, [], problems, resumed);
        }

        if (manifest.RequiresAccessToken && _options.AccessToken is null)
        {
            Report("the manifest says the files require an access token and none is configured (see docs/bulk-data.md)");
        }

        var files = await DownloadAllAsync(manifest, new Uri(state.StatusUrl), outputDirectory, state, problems, cancellation);
        WriteLocalManifest(manifestPath, manifest, kickOff, files);
        state.Complete = problems.Count == 0;
        lock (state)
        {
            state.Save(outputDirectory);
        }

        if (state.Complete && _options.DeleteWhenDone)
        {
            await DeleteAsync(new Uri(state.StatusUrl), cancellation);
        }

        return new ExportResult(manifestPath, files, problems, resumed);
    }

    private async Task<Uri?> KickOffAsync(Uri kickOff, List<ExportProblem> problems, CancellationToken cancellation)
    {
        Report($"kick-off: GET {kickOff}");
        using var response = await SendAsync(kickOff, "application/fhir+json", respondAsync: true, problems, cancellation);
        if (response is null)
        {
            return null;
        }

        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            problems.Add(new ExportProblem("kick-off", $"HTTP {(int)response.StatusCode}, expected 202 Accepted: {await OutcomeTextAsync(response, cancellation)}"));
            return null;
        }

        if ((response.Content.Headers.ContentLocation ?? response.Headers.Location) is not { } location)
        {
            problems.Add(new ExportProblem("kick-off", "202 Accepted without a Content-Location header (the status URL)"));
            return null;
        }

        return location.IsAbsoluteUri ? location : new Uri(kickOff, location);
    }

    /// <summary>Polls until the manifest arrives (200), the export fails, or it disappears.</summary>
    private async Task<byte[]?> PollAsync(Uri statusUrl, bool resumed, List<ExportProblem> problems, CancellationToken cancellation)
    {
        var backoff = _options.InitialBackoff;
        while (true)
        {
            using var response = await SendAsync(statusUrl, "application/json", respondAsync: false, problems, cancellation);
            if (response is null)
            {
                return null;
            }

            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    return await response.Content.ReadAsByteArrayAsync(cancellation);
                case HttpStatusCode.Accepted:
                    var wait = RetryAfter(response) ?? backoff;
                    backoff = Min(backoff * 2, _options.MaxWait);
                    var progress = response.Headers.TryGetValues("X-Progress", out var values) ? string.Join(" ", values) : "in progress";
                    Report($"status: {progress}; next poll in {wait.TotalSeconds:0.#} s");
                    await _options.Delay(wait, cancellation);
                    break;
                case HttpStatusCode.NotFound or HttpStatusCode.Gone when resumed:
                    problems.Add(new ExportProblem("status", $"HTTP {(int)response.StatusCode}: the export at {statusUrl} has expired or was deleted; delete {ExportState.FileName} (or use an empty folder) to start a new export"));
                    return null;
                default:
                    problems.Add(new ExportProblem("status", $"HTTP {(int)response.StatusCode}: {await OutcomeTextAsync(response, cancellation)}"));
                    return null;
            }
        }
    }

    /// <summary>
    /// Tells the server the client is done (<c>DELETE</c> of the status URL). The files are already checked and
    /// saved, so a refusal is reported as progress, not as a problem of the export.
    /// </summary>
    private async Task DeleteAsync(Uri statusUrl, CancellationToken cancellation)
    {
        var problems = new List<ExportProblem>();
        using var response = await SendAsync(statusUrl, "application/fhir+json", respondAsync: false, problems, cancellation, method: HttpMethod.Delete);
        Report(response switch
        {
            null => $"could not delete the export on the server: {string.Join("; ", problems)}",
            { IsSuccessStatusCode: true } => $"deleted the export on the server ({statusUrl})",
            _ => $"the server refused to delete the export: HTTP {(int)response.StatusCode}",
        });
    }

    private async Task<List<DownloadedFile>> DownloadAllAsync(ExportManifest manifest, Uri statusUrl, string directory, ExportState state, List<ExportProblem> problems, CancellationToken cancellation)
    {
        // Local names are fixed by manifest order (Type-1, Type-2... per type), so a resumed run reuses them.
        var work = new List<(ManifestFile File, string Local, int Index)>();
        var perType = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in manifest.Output)
        {
            perType[file.Type] = perType.GetValueOrDefault(file.Type) + 1;
            var gzip = IsGzipUrl(file.Url);
            work.Add((file, $"{Safe(file.Type)}-{perType[file.Type]}.ndjson{(gzip ? ".gz" : "")}", work.Count));
        }

        var results = new DownloadedFile?[work.Count];
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelDownloads), CancellationToken = cancellation }, async (item, token) =>
        {
            var (file, local, index) = item;
            var url = file.Url.Contains("://", StringComparison.Ordinal) ? new Uri(file.Url) : new Uri(statusUrl, file.Url);
            string? done;
            lock (state)
            {
                state.Downloaded.TryGetValue(file.Url, out done);
            }

            if (done is not null && File.Exists(Path.Combine(directory, done)))
            {
                Report($"{local}: already downloaded and checked");
                results[index] = new DownloadedFile(file.Type, file.Url, done, CountLines(Path.Combine(directory, done)), file.Count);
                return;
            }

            var downloaded = await DownloadAsync(file, url, Path.Combine(directory, local), manifest.RequiresAccessToken, problems, token);
            if (downloaded is not null)
            {
                results[index] = downloaded with { LocalFile = local };
                lock (state)
                {
                    state.Downloaded[file.Url] = local;
                    state.Save(directory);
                }
            }
        });

        // Error files (OperationOutcome per line) are kept for reading, not checked.
        var errorIndex = 0;
        foreach (var error in manifest.Error)
        {
            var url = error.Url.Contains("://", StringComparison.Ordinal) ? new Uri(error.Url) : new Uri(statusUrl, error.Url);
            using var response = await SendAsync(url, "application/fhir+ndjson", respondAsync: false, problems, cancellation, authorise: manifest.RequiresAccessToken, gzip: true);
            if (response is { IsSuccessStatusCode: true })
            {
                await using var body = await Body(response, cancellation);
                await using var target = File.Create(Path.Combine(directory, $"errors-{++errorIndex}.ndjson"));
                await (IsGzipUrl(error.Url) ? new GZipStream(body, CompressionMode.Decompress) : body).CopyToAsync(target, cancellation);
            }
        }

        if (errorIndex > 0)
        {
            Report($"the server reported errors: {errorIndex} OperationOutcome file(s) saved as errors-N.ndjson");
        }

        return [.. results.Where(r => r is not null).Select(r => r!)];
    }

    /// <summary>Streams one file to disk through the check; a file that fails it is kept as <c>.rejected</c>.</summary>
    private async Task<DownloadedFile?> DownloadAsync(ManifestFile file, Uri url, string path, bool authorise, List<ExportProblem> problems, CancellationToken cancellation)
    {
        var name = Path.GetFileName(path);
        using var response = await SendAsync(url, "application/fhir+ndjson", respondAsync: false, problems, cancellation, streaming: true, authorise: authorise, gzip: true);
        if (response is null)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            lock (problems)
            {
                problems.Add(new ExportProblem(file.Url, $"HTTP {(int)response.StatusCode} downloading {file.Type}"));
            }

            return null;
        }

        var check = new NdjsonFileCheck(file.Type);
        var partial = path + ".part";
        try
        {
            await using (var source = await Body(response, cancellation))
            await using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                // A .ndjson.gz file is stored as served and checked afterwards, decompressed.
                await CheckAsync(source, IsGzipUrl(file.Url) ? null : check, target, cancellation);
            }

            if (IsGzipUrl(file.Url))
            {
                await using var unzipped = new GZipStream(File.OpenRead(partial), CompressionMode.Decompress);
                await CheckAsync(unzipped, check, null, cancellation);
            }
        }
        catch (InvalidDataException e)
        {
            File.Move(partial, path + ".rejected", overwrite: true);
            lock (problems)
            {
                problems.Add(new ExportProblem($"{name} ({file.Url})", $"not valid gzip: {e.Message}"));
            }

            return null;
        }

        var fileProblems = new List<string>(check.Problems);
        if (check.WrongType > check.Problems.Count)
        {
            fileProblems.Add($"{check.WrongType} line(s) in all are not {file.Type} resources");
        }

        if (file.Count is { } expected && expected != check.Lines)
        {
            fileProblems.Add($"{check.Lines} resources, the manifest says {expected}");
        }

        if (fileProblems.Count > 0)
        {
            File.Move(partial, path + ".rejected", overwrite: true);
            lock (problems)
            {
                problems.AddRange(fileProblems.Select(p => new ExportProblem($"{name} ({file.Url})", p)));
            }

            return null;
        }

        File.Move(partial, path, overwrite: true);
        Report($"{name}: {check.Lines} {file.Type} resources, checked");
        return new DownloadedFile(file.Type, file.Url, name, check.Lines, file.Count);
    }

    /// <summary>Feeds every byte through the check when given, copying to <paramref name="target"/> when given.</summary>
    private static async Task CheckAsync(Stream source, NdjsonFileCheck? check, Stream? target, CancellationToken cancellation)
    {
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellation)) > 0)
        {
            check?.Append(buffer.AsSpan(0, read));
            if (target is not null)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), cancellation);
            }
        }

        check?.Complete();
    }

    /// <summary>
    /// The response body without its Content-Encoding: gzip is undone here unless the HttpClient's handler already did
    /// (then the header is gone).
    /// </summary>
    private static async Task<Stream> Body(HttpResponseMessage response, CancellationToken cancellation)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellation);
        return response.Content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase)
            ? new GZipStream(body, CompressionMode.Decompress)
            : body;
    }

    private static bool IsGzipUrl(string url)
    {
        var path = url.Split('?', '#')[0];
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Sends a request (GET unless told), with the bearer token when <paramref name="authorise"/> and a token source is
    /// configured (a 401 gets one new token and one retry), waiting and retrying on 429 Too Many Requests as Retry-After says.
    /// </summary>
    private async Task<HttpResponseMessage?> SendAsync(
        Uri url, string accept, bool respondAsync, List<ExportProblem> problems, CancellationToken cancellation, bool streaming = false,
        HttpMethod? method = null, bool authorise = true, bool gzip = false)
    {
        var backoff = _options.InitialBackoff;
        var refreshed = false;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            if (respondAsync)
            {
                request.Headers.Add("Prefer", "respond-async");
            }

            if (gzip)
            {
                request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            }

            if (authorise && _options.AccessToken is { } tokens)
            {
                try
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(http, refreshed, cancellation));
                }
                catch (AccessTokenException e)
                {
                    lock (problems)
                    {
                        problems.Add(new ExportProblem("access token", e.Message));
                    }

                    return null;
                }
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellation);
            }
            catch (HttpRequestException e)
            {
                lock (problems)
                {
                    problems.Add(new ExportProblem(url.AbsoluteUri, $"cannot reach the server: {e.Message}"));
                }

                return null;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && authorise && _options.AccessToken is not null && !refreshed)
            {
                // The token may have expired between two requests of a long export: one new token, one retry.
                refreshed = true;
                response.Dispose();
                continue;
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            var wait = RetryAfter(response) ?? backoff;
            backoff = Min(backoff * 2, _options.MaxWait);
            response.Dispose();
            if (attempt >= _options.MaxRetries)
            {
                lock (problems)
                {
                    problems.Add(new ExportProblem(url.AbsoluteUri, $"HTTP 429 Too Many Requests {attempt + 1} times in a row; giving up"));
                }

                return null;
            }

            Report($"429 Too Many Requests for {url.AbsolutePath}; retrying in {wait.TotalSeconds:0.#} s");
            await _options.Delay(wait, cancellation);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - _options.Time.GetUtcNow() : null);
        return wait is { } w ? Min(w < TimeSpan.Zero ? TimeSpan.Zero : w, _options.MaxWait) : null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task<string> OutcomeTextAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        var body = await response.Content.ReadAsStringAsync(cancellation);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("issue", out var issues) && issues.ValueKind == JsonValueKind.Array)
            {
                var texts = issues.EnumerateArray()
                    .Select(i => i.TryGetProperty("diagnostics", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null)
                    .Where(t => !string.IsNullOrWhiteSpace(t));
                return string.Join("; ", texts) is { Length: > 0 } text ? text : "OperationOutcome without diagnostics";
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 200 ? body[..200] + "..." : body.Length == 0 ? "(no body)" : body;
    }

    private static long CountLines(string path) => File.ReadLines(path).LongCount(l => !string.IsNullOrWhiteSpace(l));

    private static string Safe(string type) => string.Concat(type.Where(char.IsAsciiLetterOrDigit));

    private void Report(string message) => _options.Progress?.Report(message);

    /// <summary>The local manifest: the server's, with relative URLs to the checked files and their counted lines.</summary>
    private static void WriteLocalManifest(string path, ExportManifest manifest, Uri kickOff, IReadOnlyList<DownloadedFile> files)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("transactionTime", manifest.TransactionTime);
        w.WriteString("request", manifest.Request.Length > 0 ? manifest.Request : kickOff.AbsoluteUri);
        w.WriteBoolean("requiresAccessToken", false);
        w.WriteStartArray("output");
        foreach (var file in files)
        {
            w.WriteStartObject();
            w.WriteString("type", file.Type);
            w.WriteString("url", file.LocalFile);
            w.WriteNumber("count", file.Lines);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("error");
        w.WriteEndArray();
        w.WriteStartObject("extension");
        w.WriteStartObject("https://relief.example/export");
        w.WriteString("kickOff", kickOff.AbsoluteUri);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
