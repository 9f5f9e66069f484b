using System.Text.Json;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests.Cards;

/// <summary>
/// "Replace a draft with a safer alternative" on order-sign: an unsafe draft (a contraindicated or major finding on it)
/// gets one suggestion that deletes the draft and creates the alternative, only when the knowledge ranks a recommended
/// drug for the same condition that Relief found safe for this patient in the draft's place. Never otherwise.
/// </summary>
public sealed class SaferAlternativeCardTests(SaferAlternativeCardTests.Service service) : IClassFixture<SaferAlternativeCardTests.Service>
{
    public sealed class Service : IDisposable
    {
        public ReliefFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }

    private const string RenalSample = "renal-impairment-pdn-duloxetine.json";
    private const string DuloxetineDraft = "ripd-medreq-2";

    private async Task<List<JsonElement>> SignAsync(string sample, string draft) =>
        Responses.Cards(await Responses.JsonAsync(await service.Factory.CreateClient().PostAsync("/cds-services/relief-order-sign",
            CdsRequests.Json(CdsRequests.FromSample(sample, "order-sign", [draft])))));

    private static IEnumerable<JsonElement> Replacements(IEnumerable<JsonElement> cards) =>
        cards.Where(c => c.TryGetProperty("suggestions", out _)).SelectMany(c => c.GetProperty("suggestions").EnumerateArray())
            .Where(s => s.GetProperty("actions").EnumerateArray().Any(a => a.GetProperty("type").GetString() == "delete")
                && s.GetProperty("actions").EnumerateArray().Any(a => a.GetProperty("type").GetString() == "create"));

    [Fact]
    public async Task Duloxetine_drafted_at_CrCl_below_30_is_replaced_by_a_first_line_drug_the_patient_is_not_on_and_not_of_a_class_he_takes()
    {
        var cards = await SignAsync(RenalSample, DuloxetineDraft);
        var card = Assert.Single(cards, c => Replacements([c]).Any());
        Assert.Equal("critical", card.GetProperty("indicator").GetString());
        Assert.Contains("duloxetine", card.GetProperty("summary").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("at-most-one", card.GetProperty("selectionBehavior").GetString());

        var replacement = Assert.Single(Replacements([card]));
        var actions = replacement.GetProperty("actions").EnumerateArray().ToList();
        var delete = actions.Single(a => a.GetProperty("type").GetString() == "delete");
        Assert.Equal($"MedicationRequest/{DuloxetineDraft}", delete.GetProperty("resourceId").GetString());
        Assert.False(delete.TryGetProperty("resource", out _));
        Assert.All(actions, a => Assert.False(string.IsNullOrWhiteSpace(a.GetProperty("description").GetString())));

        var created = actions.Single(a => a.GetProperty("type").GetString() == "create").GetProperty("resource");
        Assert.Equal("MedicationRequest", created.GetProperty("resourceType").GetString());
        Assert.Equal("draft", created.GetProperty("status").GetString());
        var coding = created.GetProperty("medicationCodeableConcept").GetProperty("coding")[0];
        Assert.Equal("http://www.nlm.nih.gov/research/umls/rxnorm", coding.GetProperty("system").GetString());
        var alternative = coding.GetProperty("display").GetString()!;
        // He takes gabapentin: neither it, nor another gabapentinoid (pregabalin), nor duloxetine itself is offered.
        Assert.DoesNotContain(alternative, new[] { "duloxetine", "gabapentin", "pregabalin" });
        Assert.Contains(alternative, replacement.GetProperty("label").GetString()!, StringComparison.Ordinal);

        var detail = card.GetProperty("detail").GetString()!;
        Assert.Contains("Safer alternative (decision support)", detail, StringComparison.Ordinal);
        Assert.Contains(alternative, detail, StringComparison.Ordinal);
        Assert.Contains("Painful diabetic", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Decision support", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsafe_draft_with_no_evidence_for_the_patients_conditions_gets_no_invented_replacement()
    {
        // Adalimumab in multiple sclerosis: a major caution (avoid), but it is drafted for psoriasis, which Relief's knowledge does not rank.
        var cards = await SignAsync("ms-central-pain.json", "mcp-medreq-2");
        var critical = Assert.Single(cards, c => c.GetProperty("indicator").GetString() == "critical");
        Assert.Contains("adalimumab", critical.GetProperty("summary").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Replacements(cards));
        Assert.DoesNotContain(cards, c => c.GetProperty("detail").GetString()!.Contains("Safer alternative", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_draft_with_only_a_caution_gets_no_replacement()
    {
        // Pregabalin proposed at 24 weeks of pregnancy: a caution (avoid unless clearly necessary), not contraindicated or major.
        var cards = await SignAsync("pregnancy-neuropathic-pain.json", "5f98851f-97cb-526a-823f-08bd730dc4bf");
        Assert.Contains(cards, c => c.GetProperty("summary").GetString()!.Contains("pregabalin", StringComparison.OrdinalIgnoreCase)
            && c.GetProperty("indicator").GetString() == "warning");
        Assert.DoesNotContain(cards, c => c.GetProperty("summary").GetString()!.Contains("pregabalin", StringComparison.OrdinalIgnoreCase)
            && c.GetProperty("indicator").GetString() == "critical");
        Assert.Empty(Replacements(cards));
    }

    [Fact]
    public async Task Patient_view_never_replaces_anything()
    {
        var response = await service.Factory.CreateClient().PostAsync("/cds-services/relief-patient-view",
            CdsRequests.Json(CdsRequests.FromSample(RenalSample, "patient-view")));
        Assert.Empty(Replacements(Responses.Cards(await Responses.JsonAsync(response))));
    }
}
