using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests;

/// <summary>
/// The CDS Hooks 2.0 SHALL statements a service must meet, each test named after the requirement it checks
/// (numbers from the Da Vinci CRD test kit's requirements matrix, /work/shared/reference/cds-hooks-requirements.md;
/// cds-resp-N / cds-r-N are the specification's FHIR invariants). docs/conformance.md lists them.
/// Responses come from the clinical vignettes in samples/ so that cards, suggestions and links are really produced.
/// </summary>
public sealed partial class ConformanceTests : IClassFixture<ConformanceTests.Service>, IAsyncLifetime
{
    private static readonly HashSet<string> Indicators = ["info", "warning", "critical"];
    private readonly Service _service;
    private readonly List<JsonElement> _responses = [];

    public ConformanceTests(Service service) => _service = service;

    public sealed class Service : IDisposable
    {
        public ReliefFactory Factory { get; } = new(settings: new Dictionary<string, string?> { ["Relief:SmartLaunchUrl"] = "https://relief.example/launch" });

        public void Dispose() => Factory.Dispose();
    }

    private HttpClient Client => _service.Factory.CreateClient();

    public async Task InitializeAsync()
    {
        // A spread of vignettes through all three hooks: safety, monitoring with order suggestions, a contraindicated draft,
        // an unsafe draft replaced by a safer alternative (delete + create in one suggestion), a taper.
        var requests = new[]
        {
            ("relief-patient-view", CdsRequests.FromSample("older-adult-opioid-benzo-gabapentinoid.json", "patient-view")),
            ("relief-patient-view", CdsRequests.FromSample("rheumatoid-arthritis-on-methotrexate.json", "patient-view")),
            ("relief-order-sign", CdsRequests.FromSample("ms-central-pain.json", "order-sign", ["mcp-medreq-2"])),
            ("relief-order-select", CdsRequests.FromSample("rheumatoid-arthritis-proposed-infliximab-latent-tb.json", "order-select", ["rapilt-medreq-3"])),
            ("relief-order-sign", VignetteCardTests.LiveVaccineDraft()),
            ("relief-order-sign", CdsRequests.FromSample("renal-impairment-pdn-duloxetine.json", "order-sign", ["ripd-medreq-2"])),
        };
        foreach (var (service, request) in requests)
        {
            _responses.Add(await Responses.JsonAsync(await Client.PostAsync($"/cds-services/{service}", CdsRequests.Json(request))));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IEnumerable<JsonElement> AllCards => _responses.SelectMany(Responses.Cards);

    private IEnumerable<JsonElement> AllSuggestions => AllCards.Where(c => c.TryGetProperty("suggestions", out _)).SelectMany(c => c.GetProperty("suggestions").EnumerateArray());

    [Fact]
    public async Task Req4_5_6_13_discovery_is_a_200_at_cds_services_with_a_services_array()
    {
        var discovery = await Responses.JsonAsync(await Client.GetAsync("/cds-services"));
        Assert.Equal(JsonValueKind.Array, discovery.GetProperty("services").ValueKind);
        Assert.Equal(3, discovery.GetProperty("services").GetArrayLength());
    }

    [Fact]
    public async Task Req7_8_9_10_16_each_service_has_hook_title_description_and_an_id_that_is_its_endpoint()
    {
        var discovery = await Responses.JsonAsync(await Client.GetAsync("/cds-services"));
        var hooks = new List<string>();
        foreach (var service in discovery.GetProperty("services").EnumerateArray())
        {
            hooks.Add(service.GetProperty("hook").GetString()!);
            Assert.False(string.IsNullOrWhiteSpace(service.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(service.GetProperty("description").GetString()));
            var id = service.GetProperty("id").GetString()!;
            // {baseUrl}/cds-services/{id} answers (400 for an empty body is an answer from the service, not a 404).
            var call = await Client.PostAsync($"/cds-services/{id}", CdsRequests.Json("{}"));
            Assert.Equal(HttpStatusCode.BadRequest, call.StatusCode);
        }

        Assert.Equal(["order-select", "order-sign", "patient-view"], hooks.Order());
    }

    [Fact]
    public async Task Req29_36_55_56_57_59_prefetch_templates_use_only_delimited_allowed_tokens()
    {
        var discovery = await Responses.JsonAsync(await Client.GetAsync("/cds-services"));
        foreach (var service in discovery.GetProperty("services").EnumerateArray())
        {
            var prefetch = service.GetProperty("prefetch").EnumerateObject().ToList();
            Assert.Contains(prefetch, p => p.Name == "patient" && p.Value.GetString() == "Patient/{{context.patientId}}");
            foreach (var template in prefetch)
            {
                var query = template.Value.GetString()!;
                Assert.Equal(query.Split("{{").Length, query.Split("}}").Length);
                foreach (Match token in TokenPattern().Matches(query))
                {
                    var name = token.Groups[1].Value.Trim();
                    Assert.True(
                        name is "context.patientId" or "context.userId" or "context.encounterId" or "userPractitionerId" or "userPractitionerRoleId" or "userPatientId" or "userRelatedPersonId"
                        || DateArithmetic().IsMatch(name),
                        $"{template.Name}: token {name} is not a context field, a user identifier or today() arithmetic (3.0 ballot)");
                }
            }
        }
    }

    [Fact]
    public void Req74_each_success_is_an_object_with_a_cards_array() =>
        Assert.All(_responses, r => Assert.Equal(JsonValueKind.Array, r.GetProperty("cards").ValueKind));

    [Fact]
    public async Task Req77_no_guidance_is_200_with_an_empty_cards_array()
    {
        // A patient with no record beyond the Patient resource: nothing to say, and saying so is an empty array.
        var request = JsonNode.Parse("""
            {"hook":"patient-view","hookInstance":"a6d5b5b8-7b5e-4c1e-9a51-3a0c1d3b1e10","context":{"userId":"Practitioner/x","patientId":"empty-1"},
             "prefetch":{"patient":{"resourceType":"Patient","id":"empty-1","birthDate":"1980-01-01"},"conditions":null,"medicationRequests":null,
             "medicationStatements":null,"observationsLaboratory":null,"observationsSurvey":null,"immunizations":null,"allergies":null}}
            """)!;
        var response = await Responses.JsonAsync(await Client.PostAsync("/cds-services/relief-patient-view", CdsRequests.Json(request)));
        Assert.Empty(Responses.Cards(response));
    }

    [Fact]
    public void Req3_no_element_is_null_or_empty() => Assert.All(_responses, r => Responses.AssertNoNullOrEmpty(r));

    [Fact]
    public void Req80_81_card_uuids_are_unique_strings()
    {
        foreach (var response in _responses)
        {
            var uuids = Responses.Cards(response).Select(c => c.GetProperty("uuid").GetString()!).ToList();
            Assert.All(uuids, u => Assert.True(Guid.TryParse(u, out _)));
            Assert.Equal(uuids.Count, uuids.Distinct().Count());
        }
    }

    [Fact]
    public void Req83_summary_is_a_string_under_140_characters()
    {
        Assert.NotEmpty(AllCards);
        Assert.All(AllCards, c => Assert.InRange(c.GetProperty("summary").GetString()!.Length, 1, 139));
    }

    [Fact]
    public void Req87_88_indicator_is_info_warning_or_critical() =>
        Assert.All(AllCards, c => Assert.Contains(c.GetProperty("indicator").GetString()!, Indicators));

    [Fact]
    public void Req90_105_107_115_source_has_a_label_an_absolute_url_if_any_and_a_coded_topic()
    {
        foreach (var card in AllCards)
        {
            var source = card.GetProperty("source");
            Assert.False(string.IsNullOrWhiteSpace(source.GetProperty("label").GetString()));
            if (source.TryGetProperty("url", out var url))
            {
                Assert.True(Uri.TryCreate(url.GetString(), UriKind.Absolute, out _));
            }

            if (source.TryGetProperty("topic", out var topic))
            {
                Assert.False(string.IsNullOrEmpty(topic.GetProperty("system").GetString()));
                Assert.False(string.IsNullOrEmpty(topic.GetProperty("code").GetString()));
            }
        }
    }

    [Fact]
    public void Req93_95_96_cards_with_suggestions_have_a_selectionBehavior()
    {
        var withSuggestions = AllCards.Where(c => c.TryGetProperty("suggestions", out _)).ToList();
        Assert.NotEmpty(withSuggestions);
        Assert.All(withSuggestions, c => Assert.Contains(c.GetProperty("selectionBehavior").GetString()!, new[] { "at-most-one", "any" }));
        Assert.All(AllCards.Where(c => !c.TryGetProperty("suggestions", out _)), c => Assert.False(c.TryGetProperty("selectionBehavior", out _)));
    }

    [Fact]
    public void CdsResp1_at_most_one_means_at_most_one_recommended_suggestion()
    {
        foreach (var card in AllCards.Where(c => c.TryGetProperty("selectionBehavior", out var b) && b.GetString() == "at-most-one"))
        {
            Assert.True(card.GetProperty("suggestions").EnumerateArray().Count(s => s.TryGetProperty("isRecommended", out var r) && r.GetBoolean()) <= 1);
        }
    }

    [Fact]
    public void Req117_119_124_127_128_129_suggestions_have_labels_uuids_and_described_typed_actions()
    {
        Assert.NotEmpty(AllSuggestions);
        foreach (var suggestion in AllSuggestions)
        {
            Assert.False(string.IsNullOrWhiteSpace(suggestion.GetProperty("label").GetString()));
            Assert.True(Guid.TryParse(suggestion.GetProperty("uuid").GetString(), out _));
            foreach (var action in suggestion.GetProperty("actions").EnumerateArray())
            {
                Assert.Contains(action.GetProperty("type").GetString()!, new[] { "create", "update", "delete" });
                Assert.False(string.IsNullOrWhiteSpace(action.GetProperty("description").GetString()));
            }
        }
    }

    [Fact]
    public void Req130_131_create_actions_carry_a_new_FHIR_resource()
    {
        var creates = AllSuggestions.SelectMany(s => s.GetProperty("actions").EnumerateArray()).Where(a => a.GetProperty("type").GetString() == "create").ToList();
        Assert.NotEmpty(creates);
        Assert.All(creates, a =>
        {
            var resource = a.GetProperty("resource");
            Assert.Contains(resource.GetProperty("resourceType").GetString()!, new[] { "ServiceRequest", "MedicationRequest" });
            Assert.False(resource.TryGetProperty("id", out _));
        });
        // Both kinds are exercised: tests to order, and the alternative that replaces an unsafe draft.
        Assert.Contains(creates, a => a.GetProperty("resource").GetProperty("resourceType").GetString() == "MedicationRequest");
    }

    [Fact]
    public void Req133_134_135_CdsResp2_delete_actions_name_a_resourceId_and_carry_no_resource()
    {
        var deletes = AllSuggestions.SelectMany(s => s.GetProperty("actions").EnumerateArray()).Where(a => a.GetProperty("type").GetString() == "delete").ToList();
        Assert.NotEmpty(deletes);
        Assert.All(deletes, a =>
        {
            Assert.Matches("^[A-Za-z]+/[A-Za-z0-9.-]+$", a.GetProperty("resourceId").GetString()!);
            Assert.False(a.TryGetProperty("resource", out _));
        });
    }

    [Fact]
    public void Req133_CdsResp2_a_replacement_deletes_the_draft_by_resourceId_and_creates_the_alternative_in_one_suggestion()
    {
        var replacements = AllSuggestions.Where(s =>
        {
            var types = s.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("type").GetString()).ToList();
            return types.Contains("delete") && types.Contains("create");
        }).ToList();
        var replacement = Assert.Single(replacements);
        var actions = replacement.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal("MedicationRequest/ripd-medreq-2", actions.Single(a => a.GetProperty("type").GetString() == "delete").GetProperty("resourceId").GetString());
        Assert.All(actions, a => Assert.False(string.IsNullOrWhiteSpace(a.GetProperty("description").GetString())));
        var card = AllCards.Single(c => c.TryGetProperty("suggestions", out var s) && s.EnumerateArray().Any(x => x.GetProperty("uuid").GetString() == replacement.GetProperty("uuid").GetString()));
        Assert.Equal("at-most-one", card.GetProperty("selectionBehavior").GetString());
        Assert.Contains("decision support", card.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Req98_100_136_219_CdsResp4_override_reasons_are_codings_with_a_display()
    {
        var reasons = AllCards.Where(c => c.TryGetProperty("overrideReasons", out _)).SelectMany(c => c.GetProperty("overrideReasons").EnumerateArray()).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r =>
        {
            Assert.Equal("http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes", r.GetProperty("system").GetString());
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("display").GetString()));
        });
    }

    [Fact]
    public void Req103_138_139_141_142_146_147_CdsResp3_links_are_absolute_or_smart_and_only_smart_ones_have_appContext()
    {
        var links = AllCards.SelectMany(c => c.GetProperty("links").EnumerateArray()).ToList();
        Assert.Contains(links, l => l.GetProperty("type").GetString() == "smart");
        Assert.All(links, l =>
        {
            Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("label").GetString()));
            Assert.True(Uri.TryCreate(l.GetProperty("url").GetString(), UriKind.Absolute, out _));
            var type = l.GetProperty("type").GetString();
            Assert.Contains(type!, new[] { "absolute", "smart" });
            Assert.Equal(type == "smart", l.TryGetProperty("appContext", out _));
        });
    }

    [Fact]
    public void Req85_detail_is_markdown_that_carries_the_disclaimer() =>
        Assert.All(AllCards, c => Assert.Contains("not a prescription", c.GetProperty("detail").GetString()!));

    [Fact]
    public async Task Req54_data_missing_and_no_fhirServer_is_412_with_an_OperationOutcome()
    {
        var request = CdsRequests.FromSample("fibromyalgia-on-duloxetine.json", "patient-view");
        request["prefetch"]!.AsObject().Remove("medicationRequests");
        var response = await Client.PostAsync("/cds-services/relief-patient-view", CdsRequests.Json(request));
        var (code, expression, diagnostics) = Responses.Outcome(await Responses.JsonAsync(response, HttpStatusCode.PreconditionFailed));
        Assert.Equal("incomplete", code);
        Assert.Equal("prefetch", expression);
        Assert.Contains("medicationRequests", diagnostics);
    }

    [Fact]
    public async Task Req52_an_OperationOutcome_in_the_prefetch_is_not_read_as_data_and_its_message_is_reported()
    {
        var request = CdsRequests.FromSample("fibromyalgia-on-duloxetine.json", "patient-view");
        request["prefetch"]!["conditions"] = JsonNode.Parse("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"timeout","diagnostics":"Condition search timed out"}]}""");
        var response = await Client.PostAsync("/cds-services/relief-patient-view", CdsRequests.Json(request));
        var (_, _, diagnostics) = Responses.Outcome(await Responses.JsonAsync(response, HttpStatusCode.PreconditionFailed));
        Assert.Contains("Condition search timed out", diagnostics);
    }

    [Fact]
    public async Task A_null_prefetch_item_means_no_data_not_missing_data()
    {
        var request = CdsRequests.FromSample("fibromyalgia-on-duloxetine.json", "patient-view");
        request["prefetch"]!["immunizations"] = null;
        await Responses.JsonAsync(await Client.PostAsync("/cds-services/relief-patient-view", CdsRequests.Json(request)));
    }

    [Fact]
    public async Task CdsR1_fhirAuthorization_without_fhirServer_is_400()
    {
        var request = CdsRequests.FromSample("fibromyalgia-on-duloxetine.json", "patient-view");
        request["fhirAuthorization"] = JsonNode.Parse("""{"access_token":"secret-token-abc","token_type":"Bearer","expires_in":300,"scope":"user/*.read","subject":"cds"}""");
        var (_, expression, diagnostics) = Responses.Outcome(await Responses.JsonAsync(await Client.PostAsync("/cds-services/relief-patient-view", CdsRequests.Json(request)), HttpStatusCode.BadRequest));
        Assert.Equal("fhirServer", expression);
        Assert.Contains("cds-r-1", diagnostics);
        Assert.DoesNotContain(_service.Factory.Log.Lines, l => l.Contains("secret-token-abc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Req1_14_76_errors_are_JSON_OperationOutcomes()
    {
        var response = await Client.PostAsync("/cds-services/no-such-service", CdsRequests.Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("not-found", Responses.Outcome(await Responses.JsonAsync(response, HttpStatusCode.NotFound)).Code);
    }

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^today\(\)(\s*[+-]\s*\d+\s*(days?|weeks?|months?|years?))?$")]
    private static partial Regex DateArithmetic();
}
