using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Relief.Service.Tests.Support;
using Relief.Store.Feedback;

namespace Relief.Service.Tests;

/// <summary>Feedback (requirement 148 and the feedback invariants): validated, stored once per item in SQLite, counted per card type and reason.</summary>
public sealed class FeedbackTests : IDisposable
{
    private readonly ReliefFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<HttpResponseMessage> PostAsync(string body) =>
        _factory.CreateClient().PostAsync("/cds-services/relief-order-sign/feedback", CdsRequests.Json(body));

    private async Task<List<System.Text.Json.JsonElement>> CardsAsync()
    {
        var response = await _factory.CreateClient().PostAsync("/cds-services/relief-order-sign", CdsRequests.Json(VignetteCardTests.LiveVaccineDraft()));
        return Responses.Cards(await Responses.JsonAsync(response));
    }

    private async Task<OverrideReport> ReportAsync(bool waitForCards = false)
    {
        var store = _factory.Services.GetRequiredService<FeedbackStore>();
        await store.EnsureMigratedAsync();
        // Issued cards are written in the background: wait for them (bounded).
        for (var i = 0; waitForCards && i < 50; i++)
        {
            await using var context = store.CreateContext();
            if (context.IssuedCards.Any())
            {
                break;
            }

            await Task.Delay(100);
        }

        await using var read = store.CreateContext();
        return await OverrideReport.BuildAsync(read);
    }

    [Fact]
    public async Task Accepted_and_overridden_feedback_is_stored_once_and_reported_per_card_type_and_reason()
    {
        var card = (await CardsAsync()).First(c => c.TryGetProperty("suggestions", out _));
        var uuid = card.GetProperty("uuid").GetString();
        var suggestion = card.GetProperty("suggestions")[0].GetProperty("uuid").GetString();
        var overridden = $$"""{"feedback":[{"card":"{{uuid}}","outcome":"overridden","overrideReason":{"reason":{"system":"http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes","code":"cds-not-applicable","display":"PC CDS does not apply to patient"},"userComment":"titer shows immunity"},"outcomeTimestamp":"2026-11-21T12:01:00Z"}]}""";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(overridden)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(overridden)).StatusCode); // sent again: stored once
        var accepted = $$"""{"feedback":[{"card":"{{uuid}}","outcome":"accepted","acceptedSuggestions":[{"id":"{{suggestion}}"}],"outcomeTimestamp":"2026-11-21T12:05:00+01:00"}]}""";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(accepted)).StatusCode);

        var report = await ReportAsync(waitForCards: true);
        var row = Assert.Single(report.CardTypes);
        Assert.Equal(card.GetProperty("source").GetProperty("topic").GetProperty("code").GetString(), row.CardType);
        Assert.Equal(1, row.Accepted);
        Assert.Equal(1, row.Overridden);
        Assert.Equal(0.5, row.OverrideRate);
        Assert.Equal("cds-not-applicable (PC CDS does not apply to patient)", Assert.Single(row.Reasons).Reason);
    }

    [Theory]
    [InlineData("""{"feedback":[]}""", "feedback")]
    [InlineData("""{"feedback":[{"card":"x","outcome":"accepted","outcomeTimestamp":"2026-11-21T12:00:00Z"}]}""", "feedback[0].acceptedSuggestions")]
    [InlineData("""{"feedback":[{"card":"x","outcome":"accepted","acceptedSuggestions":[{"id":"s"}],"overrideReason":{"userComment":"no"},"outcomeTimestamp":"2026-11-21T12:00:00Z"}]}""", "feedback[0].overrideReason")]
    [InlineData("""{"feedback":[{"card":"x","outcome":"overridden","acceptedSuggestions":[{"id":"s"}],"outcomeTimestamp":"2026-11-21T12:00:00Z"}]}""", "feedback[0].acceptedSuggestions")]
    [InlineData("""{"feedback":[{"card":"x","outcome":"ignored","outcomeTimestamp":"2026-11-21T12:00:00Z"}]}""", "feedback[0].outcome")]
    [InlineData("""{"feedback":[{"card":"x","outcome":"overridden","outcomeTimestamp":"2026-11-21 12:00"}]}""", "feedback[0].outcomeTimestamp")]
    [InlineData("""{"feedback":[{"card":"x","outcome":"overridden","overrideReason":{"reason":{"code":"cds-not-applicable"}},"outcomeTimestamp":"2026-11-21T12:00:00Z"}]}""", "feedback[0].overrideReason.reason.system")]
    [InlineData("""{"feedback":[{"outcome":"overridden","outcomeTimestamp":"2026-11-21T12:00:00Z"}]}""", "feedback[0].card")]
    public async Task Feedback_that_breaks_an_invariant_is_400_naming_the_element_and_nothing_is_stored(string body, string expression)
    {
        var response = await PostAsync(body);
        var (_, named, _) = Responses.Outcome(await Responses.JsonAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal(expression, named);
        Assert.Empty((await ReportAsync()).CardTypes);
    }

    [Fact]
    public async Task Feedback_to_an_unknown_service_is_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().PostAsync("/cds-services/nope/feedback", CdsRequests.Json("""{"feedback":[]}"""))).StatusCode);

    [Fact]
    public async Task A_comment_without_a_code_counts_as_comment_only()
    {
        var body = """{"feedback":[{"card":"0b7c3f0a-4b2a-5e7e-9a0b-1c2d3e4f5a6b","outcome":"overridden","overrideReason":{"userComment":"discussed"},"outcomeTimestamp":"2026-11-21T12:00:00Z"}]}""";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode);
        var row = Assert.Single((await ReportAsync()).CardTypes);
        Assert.Equal(OverrideReport.UnknownCardType, row.CardType);
        Assert.Equal(OverrideReport.CommentOnly, Assert.Single(row.Reasons).Reason);
    }
}
