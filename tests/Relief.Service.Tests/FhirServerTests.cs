using System.Net;
using System.Text.Json.Nodes;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests;

/// <summary>
/// Requirements 34, 54, 60, 61: what the prefetch lacks is fetched from the EHR's FHIR server (a local one on
/// 127.0.0.1), with its bearer token, following pages, retrying 429/503; what cannot be had is a 412.
/// </summary>
public sealed class FhirServerTests(FhirServerTests.Service service) : IClassFixture<FhirServerTests.Service>
{
    public sealed class Service : IDisposable
    {
        public ReliefFactory Factory { get; } = new(settings: new Dictionary<string, string?> { ["Relief:Fhir:TimeoutSeconds"] = "2" });

        public void Dispose() => Factory.Dispose();
    }

    private const string Sample = "older-adult-opioid-benzo-gabapentinoid.json";

    /// <summary>The sample's resources as a FHIR server holds them (Patient/id references), and a request with an empty prefetch pointing at it.</summary>
    private static async Task<(LocalFhirServer Server, JsonObject Request)> StartAsync()
    {
        var full = CdsRequests.FromSample(Sample, "patient-view");
        var resources = new List<JsonObject> { full["prefetch"]!["patient"]!.AsObject() };
        foreach (var (_, item) in full["prefetch"]!.AsObject())
        {
            if (item?["resourceType"]?.GetValue<string>() == "Bundle")
            {
                resources.AddRange(item["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject()));
            }
        }

        var server = await LocalFhirServer.StartAsync(resources.Select(r => (JsonObject)r.DeepClone()));
        full["prefetch"] = new JsonObject();
        full["fhirServer"] = server.BaseUrl;
        full["fhirAuthorization"] = new JsonObject { ["access_token"] = server.Token, ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "user/*.read", ["subject"] = "relief" };
        return (server, full);
    }

    private Task<HttpResponseMessage> PostAsync(JsonObject request) =>
        service.Factory.CreateClient().PostAsync("/cds-services/relief-patient-view", CdsRequests.Json(request));

    [Fact]
    public async Task Req34_60_61_missing_prefetch_is_fetched_with_the_bearer_token_and_gives_the_same_cards_as_a_full_prefetch()
    {
        var (server, request) = await StartAsync();
        await using var _ = server;
        var fetched = Responses.Cards(await Responses.JsonAsync(await PostAsync(request)));
        var prefetched = Responses.Cards(await Responses.JsonAsync(await PostAsync(CdsRequests.FromSample(Sample, "patient-view"))));
        Assert.NotEmpty(fetched);
        Assert.Equal(prefetched.Select(c => c.GetProperty("uuid").GetString()).Order(), fetched.Select(c => c.GetProperty("uuid").GetString()).Order());
        Assert.All(server.Authorizations, a => Assert.Equal($"Bearer {server.Token}", a));
        // Paged: the medication search needed more than one page, and the date arithmetic was filled in.
        Assert.Contains(server.Requests, r => r.Contains("MedicationRequest", StringComparison.Ordinal) && r.Contains("_page=1", StringComparison.Ordinal));
        Assert.Contains(server.Requests, r => r.Contains("category=laboratory&date=ge2024-11-21", StringComparison.Ordinal));
        Assert.DoesNotContain(service.Factory.Log.Lines, l => l.Contains(server.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_what_the_prefetch_lacks_is_fetched()
    {
        var (server, request) = await StartAsync();
        await using var _ = server;
        var full = CdsRequests.FromSample(Sample, "patient-view")["prefetch"]!.AsObject();
        full.Remove("conditions");
        request["prefetch"] = full.DeepClone();
        await Responses.JsonAsync(await PostAsync(request));
        Assert.All(server.Requests, r => Assert.StartsWith("/fhir/Condition", r));
    }

    [Theory]
    [InlineData("429")]
    [InlineData("503")]
    public async Task A_429_or_503_is_retried(string fault)
    {
        var (server, request) = await StartAsync();
        await using var _ = server;
        server.Faults["Condition"] = new([fault, fault]);
        await Responses.JsonAsync(await PostAsync(request));
        // Two refusals, then the first page answered (later pages are counted apart).
        Assert.Equal(3, server.Requests.Count(r => r.StartsWith("/fhir/Condition", StringComparison.Ordinal) && !r.Contains("_page=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Req54_a_server_that_keeps_failing_is_a_412_naming_the_query()
    {
        var (server, request) = await StartAsync();
        await using var _ = server;
        server.Faults["Condition"] = new(["503", "503", "503", "503"]);
        var (code, _, diagnostics) = Responses.Outcome(await Responses.JsonAsync(await PostAsync(request), HttpStatusCode.PreconditionFailed));
        Assert.Equal("incomplete", code);
        Assert.Contains("conditions: fhirServer answered 503", diagnostics);
    }

    [Fact]
    public async Task An_OperationOutcome_from_the_server_is_a_412_with_its_message()
    {
        var (server, request) = await StartAsync();
        await using var _ = server;
        server.Faults["AllergyIntolerance"] = new(["oo"]);
        var (_, _, diagnostics) = Responses.Outcome(await Responses.JsonAsync(await PostAsync(request), HttpStatusCode.PreconditionFailed));
        Assert.Contains("search failed on the EHR", diagnostics);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_a_412()
    {
        var (server, request) = await StartAsync();
        await using var _ = server;
        server.Faults["Immunization"] = new(["hang"]);
        var (_, _, diagnostics) = Responses.Outcome(await Responses.JsonAsync(await PostAsync(request), HttpStatusCode.PreconditionFailed));
        Assert.Contains("immunizations: fhirServer did not answer within 2 s", diagnostics);
    }

    [Fact]
    public async Task A_token_the_server_refuses_is_a_412()
    {
        var (server, request) = await StartAsync();
        await using var _ = server;
        request["fhirAuthorization"]!["access_token"] = "wrong";
        var (_, _, diagnostics) = Responses.Outcome(await Responses.JsonAsync(await PostAsync(request), HttpStatusCode.PreconditionFailed));
        Assert.Contains("401", diagnostics);
    }
}
