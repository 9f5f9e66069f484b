using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests;

/// <summary>
/// The real server: Kestrel on 127.0.0.1, built as `relief serve` builds it, called over TCP with signed
/// tokens whose audience is the exact URL called; CORS for the sandbox origin; correlation ids in headers
/// and logs; the hook latency and cards-per-response metrics.
/// </summary>
public sealed class KestrelTests : IAsyncLifetime
{
    private KestrelHost _host = null!;

    public async Task InitializeAsync() => _host = await KestrelHost.StartAsync(insecure: false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpRequestMessage Signed(HttpMethod method, string path, HttpContent? content = null)
    {
        var url = _host.BaseUrl + path;
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.Keys.Token(url, _host.Clock.Now));
        return request;
    }

    [Fact]
    public void The_server_listens_on_loopback_only() =>
        Assert.StartsWith("http://127.0.0.1:", _host.BaseUrl);

    [Fact]
    public async Task Req176_discovery_and_a_hook_call_over_TCP_with_tokens_for_the_exact_URL()
    {
        using var client = _host.Client();
        var discovery = await client.SendAsync(Signed(HttpMethod.Get, "/cds-services"));
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);

        var call = await client.SendAsync(Signed(HttpMethod.Post, "/cds-services/relief-patient-view",
            CdsRequests.Json(CdsRequests.FromSample("azathioprine-with-allopurinol.json", "patient-view"))));
        var cards = Responses.Cards(await Responses.JsonAsync(call));
        Assert.Contains(cards, c => c.GetProperty("indicator").GetString() == "critical");
        // The card's link is absolute and on this server (the full assessment, served by the web front end).
        Assert.StartsWith(_host.BaseUrl + "/patients/", cards[0].GetProperty("links")[0].GetProperty("url").GetString());

        // The token for discovery does not open the hook endpoint: aud is the URL called.
        var wrongAudience = new HttpRequestMessage(HttpMethod.Post, _host.BaseUrl + "/cds-services/relief-patient-view") { Content = CdsRequests.Json("{}") };
        wrongAudience.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.Keys.Token(_host.BaseUrl + "/cds-services", _host.Clock.Now));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrongAudience)).StatusCode);
    }

    [Fact]
    public async Task Req208_a_CORS_preflight_from_the_sandbox_is_allowed_and_from_elsewhere_is_not()
    {
        using var client = _host.Client();
        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/cds-services/relief-patient-view");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            return await client.SendAsync(request);
        }

        var sandbox = await PreflightAsync("https://sandbox.cds-hooks.org");
        Assert.Equal("https://sandbox.cds-hooks.org", sandbox.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var other = await PreflightAsync("https://evil.example");
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Each_request_has_a_correlation_id_in_its_header_and_log_lines_and_no_patient_data_is_logged()
    {
        using var client = _host.Client();
        var request = Signed(HttpMethod.Post, "/cds-services/relief-patient-view", CdsRequests.Json(CdsRequests.FromSample("me-cfs.json", "patient-view")));
        var response = await client.SendAsync(request);
        var id = response.Headers.GetValues("X-Correlation-ID").Single();
        // The request line is written once the response has gone: wait for it (bounded).
        bool Logged() => _host.Log.Lines.Any(l => l.Contains($"\"CorrelationId\":\"{id}\"", StringComparison.Ordinal) && l.Contains("/cds-services/{id}", StringComparison.Ordinal));
        for (var i = 0; i < 50 && !Logged(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(Logged());
        var patientId = CdsRequests.FromSample("me-cfs.json", "patient-view")["context"]!["patientId"]!.GetValue<string>();
        Assert.DoesNotContain(_host.Log.Lines, l => l.Contains(patientId, StringComparison.Ordinal) || l.Contains("rituximab", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Latency_per_hook_and_cards_per_response_are_measured()
    {
        var latencies = new List<(double Value, string? Hook)>();
        var cards = new List<(int Value, string? Hook)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Relief.Service")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "relief.cds.request.duration")
            {
                lock (latencies)
                {
                    latencies.Add((value, Hook(tags)));
                }
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "relief.cds.cards")
            {
                lock (cards)
                {
                    cards.Add((value, Hook(tags)));
                }
            }
        });
        listener.Start();

        using var client = _host.Client();
        var response = await client.SendAsync(Signed(HttpMethod.Post, "/cds-services/relief-order-sign",
            CdsRequests.Json(CdsRequests.FromSample("ms-central-pain.json", "order-sign", ["mcp-medreq-2"]))));
        var count = Responses.Cards(await Responses.JsonAsync(response)).Count;

        Assert.Contains(latencies, l => l.Hook == "order-sign" && l.Value > 0);
        Assert.Contains(cards, c => c.Hook == "order-sign" && c.Value == count);

        static string? Hook(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "cds.hook")
                {
                    return tag.Value as string;
                }
            }

            return null;
        }
    }
}
