using System.Text.Json;
using System.Text.Json.Nodes;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests;

/// <summary>
/// Card content from the clinical vignettes in samples/, one hook at a time: what a clinician must see on
/// the card (severity, the drug, the action, the suggestion) and what must not be there. Expectations come
/// from samples/vignettes/expected-findings.json and from the vignettes' clinical set-up, not from output.
/// </summary>
public sealed class VignetteCardTests(VignetteCardTests.Service service) : IClassFixture<VignetteCardTests.Service>
{
    public sealed class Service : IDisposable
    {
        public ReliefFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }

    private async Task<List<JsonElement>> CardsAsync(string serviceId, JsonNode request) =>
        Responses.Cards(await Responses.JsonAsync(await service.Factory.CreateClient().PostAsync($"/cds-services/{serviceId}", CdsRequests.Json(request))));

    private static string Topic(JsonElement card) => card.GetProperty("source").GetProperty("topic").GetProperty("code").GetString()!;

    private static string Family(JsonElement card) => card.GetProperty("source").TryGetProperty("topic", out var t) ? t.GetProperty("display").GetString()! : "";

    /// <summary>The live-vaccine vignette as an order being signed: an MMR (live, CVX 03) order drafted for a patient on adalimumab.</summary>
    public static JsonObject LiveVaccineDraft()
    {
        var patientId = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "live-vaccine-on-biologic.json")))!["entry"]!.AsArray()
            .Select(e => e!["resource"]!).First(r => (string)r["resourceType"]! == "Patient")["id"]!.GetValue<string>();
        var draft = JsonNode.Parse($$"""
            {"resourceType":"MedicationRequest","id":"draft-mmr","status":"draft","intent":"order",
             "medicationCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"03","display":"measles, mumps and rubella virus vaccine"}]},
             "subject":{"reference":"Patient/{{patientId}}"},"authoredOn":"2026-11-21"}
            """)!.AsObject();
        // The MMR already given is left out: the finding is about the order being signed.
        return CdsRequests.FromSample("live-vaccine-on-biologic.json", "order-sign", extraDrafts: [draft], keep: r => (string?)r["id"] != "lvob-imm-2");
    }

    public static TheoryData<string> SamplesWithPresentFindings()
    {
        var data = new TheoryData<string>();
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "vignettes", "expected-findings.json")))!["samples"]!.AsObject();
        foreach (var (sample, spec) in expected)
        {
            if (spec!["present"] is JsonArray present && present.Any(p => ((string)p!).StartsWith("interaction:", StringComparison.Ordinal) || ((string)p!).StartsWith("dose:", StringComparison.Ordinal)))
            {
                data.Add(sample);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SamplesWithPresentFindings))]
    public async Task Patient_view_shows_each_expected_interaction_and_dose_problem_as_a_card_and_nothing_expected_absent(string sample)
    {
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "vignettes", "expected-findings.json")))!["samples"]![sample]!;
        var cards = await CardsAsync("relief-patient-view", CdsRequests.FromSample(sample, "patient-view"));
        foreach (var present in spec["present"]!.AsArray().Select(p => (string)p!).Where(p => p.StartsWith("interaction:", StringComparison.Ordinal) || p.StartsWith("dose:", StringComparison.Ordinal)))
        {
            var rule = present[(present.IndexOf(':', StringComparison.Ordinal) + 1)..];
            var card = Assert.Single(cards, c => c.GetProperty("source").TryGetProperty("topic", out _) && Topic(c) == rule);
            Assert.NotEqual("info", card.GetProperty("indicator").GetString());
        }

        foreach (var absent in spec["absent"]?.AsArray().Select(a => (string)a!) ?? [])
        {
            var family = absent[..absent.IndexOf(':', StringComparison.Ordinal)];
            var rule = absent[(family.Length + 1)..];
            Assert.DoesNotContain(cards, c => Family(c) == family && (rule == "*" || Topic(c) == rule));
        }
    }

    [Fact]
    public async Task Patient_view_older_adult_gets_critical_Beers_cards_first_and_info_cards_capped()
    {
        var cards = await CardsAsync("relief-patient-view", CdsRequests.FromSample("older-adult-opioid-benzo-gabapentinoid.json", "patient-view"));
        Assert.Equal("critical", cards[0].GetProperty("indicator").GetString());
        Assert.Contains(cards, c => c.GetProperty("summary").GetString()!.Contains("lorazepam", StringComparison.Ordinal) && c.GetProperty("indicator").GetString() == "critical");
        var order = cards.Select(c => c.GetProperty("indicator").GetString() switch { "critical" => 2, "warning" => 1, _ => 0 }).ToList();
        Assert.Equal(order.OrderByDescending(x => x), order);
        Assert.True(cards.Count(c => c.GetProperty("indicator").GetString() == "info") <= 4);
        // One card per problem: no two cards share a uuid or a (rule, summary).
        Assert.Equal(cards.Count, cards.Select(c => c.GetProperty("uuid").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task The_same_finding_keeps_its_card_uuid_across_calls_and_hooks_differ_per_patient()
    {
        var first = await CardsAsync("relief-patient-view", CdsRequests.FromSample("azathioprine-with-allopurinol.json", "patient-view"));
        var second = await CardsAsync("relief-patient-view", CdsRequests.FromSample("azathioprine-with-allopurinol.json", "patient-view"));
        Assert.Equal(first.Select(c => c.GetProperty("uuid").GetString()), second.Select(c => c.GetProperty("uuid").GetString()));
        var other = await CardsAsync("relief-patient-view", CdsRequests.FromSample("older-adult-opioid-benzo-gabapentinoid.json", "patient-view"));
        Assert.Empty(first.Select(c => c.GetProperty("uuid").GetString()).Intersect(other.Select(c => c.GetProperty("uuid").GetString())));
    }

    [Fact]
    public async Task Order_sign_adalimumab_in_MS_is_critical_and_missing_baselines_are_offered_as_LOINC_ServiceRequests()
    {
        var cards = await CardsAsync("relief-order-sign", CdsRequests.FromSample("ms-central-pain.json", "order-sign", ["mcp-medreq-2"]));
        var avoid = Assert.Single(cards, c => c.GetProperty("summary").GetString()!.StartsWith("adalimumab: avoid", StringComparison.Ordinal));
        Assert.Equal("critical", avoid.GetProperty("indicator").GetString());
        Assert.Contains("multiple sclerosis", avoid.GetProperty("summary").GetString()!, StringComparison.OrdinalIgnoreCase);

        var baselines = cards.Where(c => c.TryGetProperty("suggestions", out _)).ToList();
        Assert.NotEmpty(baselines);
        var requests = baselines.SelectMany(c => c.GetProperty("suggestions").EnumerateArray())
            .SelectMany(s => s.GetProperty("actions").EnumerateArray()).Select(a => a.GetProperty("resource")).ToList();
        Assert.All(requests, r =>
        {
            Assert.Equal("ServiceRequest", r.GetProperty("resourceType").GetString());
            Assert.Equal("http://loinc.org", r.GetProperty("code").GetProperty("coding")[0].GetProperty("system").GetString());
            Assert.Equal("draft", r.GetProperty("status").GetString());
            Assert.StartsWith("Patient/", r.GetProperty("subject").GetProperty("reference").GetString());
            Assert.Equal("Practitioner/dr-test", r.GetProperty("requester").GetProperty("reference").GetString());
        });
        // Hepatitis B surface antigen (LOINC 5195-3 or 5196-1 in knowledge/monitoring.yaml) is among the TNF-inhibitor baselines this patient lacks.
        Assert.Contains(requests, r => r.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString() is "5195-3" or "5196-1");
    }

    [Fact]
    public async Task Order_select_shows_only_findings_about_the_selected_draft()
    {
        var cards = await CardsAsync("relief-order-select", CdsRequests.FromSample("rheumatoid-arthritis-proposed-infliximab-latent-tb.json", "order-select", ["rapilt-medreq-3"]));
        Assert.Contains(cards, c => c.GetProperty("summary").GetString()!.StartsWith("infliximab: avoid with Latent tuberculosis", StringComparison.Ordinal));
        // The methotrexate monitoring findings of the patient-view are not about this order.
        Assert.DoesNotContain(cards, c => c.GetProperty("summary").GetString()!.StartsWith("Methotrexate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Order_sign_a_contraindicated_live_vaccine_order_offers_to_delete_the_draft()
    {
        var cards = await CardsAsync("relief-order-sign", LiveVaccineDraft());
        var card = Assert.Single(cards, c => c.GetProperty("indicator").GetString() == "critical" && c.TryGetProperty("suggestions", out _));
        Assert.Equal("at-most-one", card.GetProperty("selectionBehavior").GetString());
        var action = card.GetProperty("suggestions")[0].GetProperty("actions")[0];
        Assert.Equal("delete", action.GetProperty("type").GetString());
        Assert.Equal("MedicationRequest/draft-mmr", action.GetProperty("resourceId").GetString());
    }

    [Fact]
    public async Task Order_sign_stopping_gabapentin_gets_taper_guidance()
    {
        var request = CdsRequests.FromSample("neuropathic-pain-gabapentin-not-working.json", "order-sign");
        var gabapentin = request["prefetch"]!["medicationRequests"]!["entry"]!.AsArray()
            .Select(e => e!["resource"]!).First(r => r["medicationCodeableConcept"]!.ToJsonString().Contains("gabapentin", StringComparison.OrdinalIgnoreCase) && (string?)r["status"] == "active");
        var stop = gabapentin.DeepClone();
        stop["status"] = "stopped";
        request["context"]!["draftOrders"]!["entry"]!.AsArray().Add(new JsonObject { ["resource"] = stop });
        var cards = await CardsAsync("relief-order-sign", request);
        var taper = Assert.Single(cards, c => c.GetProperty("summary").GetString()!.StartsWith("Stopping gabapentin", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("taper", taper.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("taper", Family(taper));
    }

    [Fact]
    public async Task Order_sign_with_no_problem_for_the_draft_is_quiet_about_the_rest_of_the_record()
    {
        // The older adult's Beers problems are about current medicines; a draft with nothing against it gets no safety card.
        var draft = JsonNode.Parse("""
            {"resourceType":"MedicationRequest","id":"draft-paracetamol","status":"draft","intent":"order",
             "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"161","display":"acetaminophen"}]},
             "subject":{"reference":"Patient/x"}}
            """)!.AsObject();
        var cards = await CardsAsync("relief-order-sign", CdsRequests.FromSample("older-adult-opioid-benzo-gabapentinoid.json", "order-sign", extraDrafts: [draft]));
        Assert.DoesNotContain(cards, c => c.GetProperty("summary").GetString()!.Contains("lorazepam", StringComparison.Ordinal));
    }
}
