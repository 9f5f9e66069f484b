using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NodaTime;
using Polly;
using Polly.Retry;
using Relief.Fhir.CdsHooks;
using Relief.Service.Hosting;

namespace Relief.Service.CdsHooks.Prefetch;

/// <summary>
/// Runs the prefetch queries the EHR did not fill against its <c>fhirServer</c>, with the
/// <c>fhirAuthorization</c> bearer token (sent to that server's origin only, never to a <c>next</c> link
/// elsewhere): searchsets followed page by page, each call under a timeout, a few queries at once, and
/// 429/503 retried after the server's Retry-After (capped) by a Polly pipeline. Whatever cannot be had is a
/// failure the caller turns into a 412.
/// </summary>
public sealed class FhirServerFetcher
{
    public const string HttpClientName = "fhir-server";

    private readonly IHttpClientFactory _http;
    private readonly FhirClientOptions _options;
    private readonly long _maxBytes;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    public FhirServerFetcher(IHttpClientFactory http, ReliefServiceOptions options, TimeProvider time)
    {
        _http = http;
        _options = options.Fhir;
        _maxBytes = options.MaxRequestBodyBytes;
        var maxDelay = TimeSpan.FromSeconds(_options.MaxRetryDelaySeconds);
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, _options.MaxRetries),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .HandleResult(r => r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = maxDelay,
                UseJitter = true,
                DelayGenerator = args =>
                {
                    var retryAfter = args.Outcome.Result?.Headers.RetryAfter;
                    TimeSpan? wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
                    return ValueTask.FromResult(wait is { } w ? (TimeSpan?)TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, maxDelay.Ticks)) : null);
                },
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task<FetchResult> FetchAsync(CdsRequest request, IReadOnlyList<PrefetchTemplate> templates, LocalDate today, CancellationToken cancellationToken)
    {
        var result = new FetchResult();
        if (request.FhirServer is not { } server)
        {
            return result;
        }

        using var gate = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrency));
        var tasks = templates.Select(async template =>
        {
            var query = PrefetchTokens.Expand(template.Query, request, today);
            if (query is null)
            {
                result.Fail(template.Key, "a token of its query cannot be filled from the request");
                return;
            }

            await gate.WaitAsync(cancellationToken);
            try
            {
                await FetchQueryAsync(server, request.FhirAuthorization, template, query, result, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        return result;
    }

    private async Task FetchQueryAsync(Uri server, FhirAuthorization? authorization, PrefetchTemplate template, string query, FetchResult result, CancellationToken cancellationToken)
    {
        var url = new Uri(server.AbsoluteUri.TrimEnd('/') + "/" + query);
        for (var page = 0; ; page++)
        {
            if (page >= _options.MaxPages)
            {
                result.Fail(template.Key, $"the search has more than {_options.MaxPages} pages");
                return;
            }

            var (document, failure) = await GetAsync(url, authorization, cancellationToken);
            if (document is null)
            {
                result.Fail(template.Key, failure!);
                return;
            }

            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("resourceType"u8, out var t) ? t.GetString() : null;
            if (type == "OperationOutcome")
            {
                result.Fail(template.Key, $"the server answered with an OperationOutcome: {PrefetchReader.OutcomeText(root)}");
                document.Dispose();
                return;
            }

            result.Add(template.Key, page, document);
            if (type != "Bundle" || NextLink(root) is not { } next)
            {
                return;
            }

            if (!Uri.TryCreate(next, UriKind.Absolute, out var nextUrl) || !SameOrigin(nextUrl, server))
            {
                // The token is for fhirServer; a next link elsewhere is not followed with it.
                result.Fail(template.Key, "the search's next page is not on fhirServer");
                return;
            }

            url = nextUrl;
        }
    }

    private async Task<(JsonDocument? Document, string? Failure)> GetAsync(Uri url, FhirAuthorization? authorization, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        var client = _http.CreateClient(HttpClientName);
        try
        {
            using var response = await _retry.ExecuteAsync(async token =>
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, url);
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
                if (authorization is not null)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", authorization.AccessToken);
                }

                return await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token);
            }, timeout.Token);

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (null, "not found");
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, $"fhirServer answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > _maxBytes)
            {
                return (null, "the answer is larger than the service accepts");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            return (await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 256 }, timeout.Token), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"fhirServer did not answer within {_options.TimeoutSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return (null, $"fhirServer could not be reached ({e.HttpRequestError})");
        }
        catch (JsonException)
        {
            return (null, "fhirServer's answer is not JSON");
        }
    }

    private static string? NextLink(JsonElement bundle)
    {
        if (bundle.TryGetProperty("link"u8, out var links) && links.ValueKind == JsonValueKind.Array)
        {
            foreach (var link in links.EnumerateArray())
            {
                if (link.ValueKind == JsonValueKind.Object
                    && link.TryGetProperty("relation"u8, out var relation) && relation.ValueEquals("next"u8)
                    && link.TryGetProperty("url"u8, out var next) && next.ValueKind == JsonValueKind.String)
                {
                    return next.GetString();
                }
            }
        }

        return null;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}

/// <summary>What the FHIR server gave (documents the caller disposes) and what it could not give, by prefetch key.</summary>
public sealed class FetchResult : IDisposable
{
    private readonly List<(string Key, int Page, JsonDocument Document)> _documents = [];
    private readonly List<string> _failures = [];

    public IEnumerable<JsonElement> Resources
    {
        get
        {
            lock (_documents)
            {
                // In key and page order, whatever order the concurrent queries finished in.
                return [.. _documents.OrderBy(d => d.Key, StringComparer.Ordinal).ThenBy(d => d.Page).Select(d => d.Document.RootElement)];
            }
        }
    }

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures.Order(StringComparer.Ordinal)];
            }
        }
    }

    internal void Add(string key, int page, JsonDocument document)
    {
        lock (_documents)
        {
            _documents.Add((key, page, document));
        }
    }

    internal void Fail(string key, string reason)
    {
        lock (_failures)
        {
            _failures.Add($"{key}: {reason}");
        }
    }

    public void Dispose()
    {
        lock (_documents)
        {
            _documents.ForEach(d => d.Document.Dispose());
            _documents.Clear();
        }
    }
}
