using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Relief.Core.Knowledge.Loading;
using Relief.Service.Tests.Support;
using Relief.Tests.Opioids;

namespace Relief.Service.Tests.Opioids;

/// <summary>
/// The CDC opioid CDS examples through the real service (in process): every request file is answered with cards or a
/// clear 4xx as sent, and each answerable response's recommendation gets a card exactly when the reference's did
/// (the same deliberate differences as the reader-level test; docs/conformance-opioid.md). Malformed files are
/// rebuilt first as ReferenceRequests describes; the service's clock is set to the examples' date (2023-05-01).
/// </summary>
[Trait("Requires", "shared-data")]
public sealed class OpioidServiceConformanceTests : IClassFixture<OpioidServiceConformanceTests.Service>
{
    private static readonly HashSet<string> Differences =
    [
        "OpioidCDSREC06/response-example-rec-06-out-extended-release-27-days.json",
        "OpioidCDSREC08/response-example-rec-08-mme-greater-than-fifty.json",
        "OpioidCDSREC08/response-example-rec-08-on-benzodiazepine.json",
        "OpioidCDSREC08/response-example-rec-08-on-naloxone.json",
        "OpioidCDSREC11/response-example-rec-11-opioid-trigger-with-benzo.json",
    ];

    private readonly Service _service;

    public OpioidServiceConformanceTests(Service service) => _service = service;

    public sealed class Service : IDisposable
    {
        public Service() => Factory.Clock.Now = new DateTimeOffset(2023, 5, 1, 12, 0, 0, TimeSpan.Zero);

        public ReliefFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }

    public static TheoryData<string> Requests()
    {
        var data = new TheoryData<string>();
        foreach (var file in ReferenceRequests.RequestFiles())
        {
            data.Add(file);
        }

        return data;
    }

    public static TheoryData<string> Answerable()
    {
        var data = new TheoryData<string>();
        foreach (var response in ReferenceRequests.Responses().Where(r => r.Request is not null && r.Cards is not null))
        {
            data.Add(response.Response);
        }

        return data;
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        using var document = JsonDocument.Parse(ReferenceRequests.IsJson(body) ? body : ReferenceRequests.Rebuild(body));
        var hook = document.RootElement.GetProperty("hook").GetString();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _service.Factory.CreateClient().PostAsync(new Uri($"/cds-services/relief-{hook}", UriKind.Relative), content);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_request_as_sent_gets_cards_or_a_clear_4xx(string requestFile)
    {
        var bytes = File.ReadAllBytes(Path.Combine(ReferenceRequests.Folder, "requests", requestFile));
        using var response = await PostAsync(bytes);
        var status = (int)response.StatusCode;
        Assert.True(status == 200 || status is >= 400 and < 500, $"{requestFile}: {status}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (status == 200)
        {
            Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("cards").ValueKind);
        }
        else
        {
            Assert.Equal("OperationOutcome", body.RootElement.GetProperty("resourceType").GetString());
        }

        if (!ReferenceRequests.IsJson(bytes))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Answerable))]
    public async Task A_card_on_the_recommendation_exactly_when_the_reference_gave_one(string responseFile)
    {
        var expected = ReferenceRequests.Responses().Single(r => r.Response == responseFile);
        var original = File.ReadAllBytes(Path.Combine(ReferenceRequests.Folder, "requests", expected.Request!));
        var bytes = ReferenceRequests.Rebuild(original, await NoDataKeysAsync(original));
        using var response = await PostAsync(bytes);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Responses.JsonAsync(response);
        var rules = Responses.Cards(json)
            .Select(c => c.GetProperty("source").TryGetProperty("topic", out var topic) ? topic.GetProperty("code").GetString() : null)
            .OfType<string>()
            .Where(r => r.StartsWith("cdc-2022/", StringComparison.Ordinal))
            .ToList();
        var knowledge = Knowledge.Value;
        var relief = rules.Any(r => knowledge.Opioids.Rules.TryGetValue(r, out var rule) && rule.Recommendation == expected.Recommendation);
        Assert.Equal(Differences.Contains(responseFile) ? expected.Cards == 0 : expected.Cards > 0, relief);
    }

    [Fact]
    public async Task High_dose_order_sign_cards_propose_naloxone_and_a_urine_drug_screen_as_draft_orders()
    {
        var original = File.ReadAllBytes(Path.Combine(ReferenceRequests.Folder, "requests", "OpioidCDSREC08OrderSign/request-example-rec-08-order-sign-mme-greater-than-fifty.json"));
        var json = await Responses.JsonAsync(await PostAsync(ReferenceRequests.Rebuild(original, await NoDataKeysAsync(original))));
        JsonElement CardFor(string rule) => Responses.Cards(json).Single(c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString() == rule);

        var naloxone = CardFor("cdc-2022/rec-8-naloxone").GetProperty("suggestions")[0].GetProperty("actions")[0].GetProperty("resource");
        Assert.Equal(("MedicationRequest", "7242"), (naloxone.GetProperty("resourceType").GetString(), naloxone.GetProperty("medicationCodeableConcept").GetProperty("coding")[0].GetProperty("code").GetString()));
        var screen = CardFor("cdc-2022/rec-10-no-screening").GetProperty("suggestions")[0].GetProperty("actions")[0];
        Assert.Equal("310627008", screen.GetProperty("resource").GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString());
        Assert.Contains("SNOMED CT 310627008", screen.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The service's own prefetch keys for the request's hook (from discovery), all sent as "no data" beside the example's items.</summary>
    private async Task<IReadOnlyCollection<string>> NoDataKeysAsync(byte[] original)
    {
        using var first = JsonDocument.Parse(ReferenceRequests.Rebuild(original));
        var hook = first.RootElement.GetProperty("hook").GetString();
        var discovery = await Responses.JsonAsync(await _service.Factory.CreateClient().GetAsync(new Uri("/cds-services", UriKind.Relative)));
        var service = discovery.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("id").GetString() == $"relief-{hook}");
        return service.TryGetProperty("prefetch", out var prefetch) ? [.. prefetch.EnumerateObject().Select(p => p.Name)] : [];
    }

    private static readonly Lazy<Relief.Core.Knowledge.KnowledgeBase> Knowledge = new(() =>
        KnowledgeLoader.Load(Path.Combine(RepositoryPaths.Root, "knowledge")).Knowledge!);
}
