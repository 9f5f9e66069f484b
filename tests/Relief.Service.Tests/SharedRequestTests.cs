using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Relief.Service.CdsHooks;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests;

/// <summary>
/// Every request body in ../shared/data/cds-hooks-requests (written for the CDC opioid guideline's CDS
/// service, not for Relief) is answered with cards or a clear 4xx, never a 5xx. Their fhirServer
/// (http://localhost:8080/fhir, someone else's port) is pointed at a local, empty FHIR server instead, so
/// the test never calls a server it did not start.
/// </summary>
[Trait("Data", "shared")]
public sealed class SharedRequestTests(SharedRequestTests.Service service) : IClassFixture<SharedRequestTests.Service>
{
    public sealed class Service : IAsyncLifetime, IDisposable
    {
        public ReliefFactory Factory { get; } = new();

        public LocalFhirServer Fhir { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Fhir = await LocalFhirServer.StartAsync([]);
            Fhir.RequireToken = false;
        }

        public async Task DisposeAsync() => await Fhir.DisposeAsync();

        public void Dispose() => Factory.Dispose();
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(RepositoryPaths.SharedData, "cds-hooks-requests", "requests");
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    private static string ServiceFor(string hook) => hook switch
    {
        "order-select" => CdsServiceCatalog.OrderSelectId,
        "order-sign" => CdsServiceCatalog.OrderSignId,
        _ => CdsServiceCatalog.PatientViewId,
    };

    /// <summary>The first JSON value of a file and whether anything follows it (the stray brace).</summary>
    private static (JsonNode Request, bool Trailing) FirstValue(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 256 });
        var node = JsonNode.Parse(ref reader)!;
        var rest = Encoding.UTF8.GetString(bytes, (int)reader.BytesConsumed, bytes.Length - (int)reader.BytesConsumed);
        return (node, rest.Trim().Length > 0);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_file_is_answered_with_cards_or_a_clear_4xx(string file)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SharedData, "cds-hooks-requests", "requests", file));
        var (request, trailing) = FirstValue(bytes);
        var hook = (string)request["hook"]!;
        var body = Encoding.UTF8.GetString(bytes).Replace("http://localhost:8080/fhir", service.Fhir.BaseUrl, StringComparison.Ordinal);
        var response = await service.Factory.CreateClient().PostAsync($"/cds-services/{ServiceFor(hook)}", CdsRequests.Json(body));
        var status = (int)response.StatusCode;
        Assert.True(status is 200 or (>= 400 and < 500), $"{file}: {status}");
        var json = await Responses.JsonAsync(response, response.StatusCode);
        if (status == 200)
        {
            Assert.Equal(JsonValueKind.Array, json.GetProperty("cards").ValueKind);
            return;
        }

        var (_, _, diagnostics) = Responses.Outcome(json);
        if (trailing)
        {
            Assert.Equal(400, status);
            Assert.Contains("trailing content after the JSON document", diagnostics);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_file_without_its_stray_content_is_read_and_what_its_prefetch_lacks_is_fetched_or_the_element_at_fault_is_named(string file)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SharedData, "cds-hooks-requests", "requests", file));
        var (request, _) = FirstValue(bytes);
        if ((string?)request["fhirServer"] == "http://localhost:8080/fhir")
        {
            request["fhirServer"] = service.Fhir.BaseUrl;
        }

        var response = await service.Factory.CreateClient().PostAsync($"/cds-services/{ServiceFor((string)request["hook"]!)}", CdsRequests.Json(request));
        var json = await Responses.JsonAsync(response, response.StatusCode);
        if ((string?)request["fhirServer"] == "{{fhirServerUrl}}")
        {
            // HelloWorld.json was never filled in by a client: its fhirServer is a template.
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("fhirServer", Responses.Outcome(json).Expression);
            return;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            // Two files stay refused for what they are: noPrefetch.json names a patient the (empty) server does
            // not have (412), and the middle-brace files' first JSON value is not a whole request (400 naming the element).
            Assert.True((int)response.StatusCode is 400 or 412 or 422, $"{file}: {(int)response.StatusCode} {json}");
            Assert.NotNull(Responses.Outcome(json).Expression);
        }
    }
}
