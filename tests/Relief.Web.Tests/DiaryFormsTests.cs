using Relief.Core.Knowledge.Loading;
using Relief.Store.Knowledge;
using Relief.Web.Diary;

namespace Relief.Web.Tests;

/// <summary>knowledge/follow-up/diary-forms.yaml loads against the store's instruments, and each scoring rule scores as its source says.</summary>
public sealed class DiaryFormsTests
{
    private static readonly Lazy<DiaryForms> Forms = new(() =>
    {
        var directory = Path.Combine(RepositoryPaths.Root, "knowledge");
        var knowledge = KnowledgeLoader.Load(directory).Knowledge!;
        var followUp = FollowUpKnowledgeLoader.Load(directory, knowledge).Knowledge!;
        var (forms, errors) = DiaryForms.Load(directory, knowledge, followUp);
        Assert.Empty(errors);
        return forms!;
    });

    private static DiaryQuestionnaire Form(string id) => Forms.Value.Forms.Single(f => f.Id == id);

    [Fact]
    public void The_PEG_is_the_mean_of_its_three_items()
    {
        var (scores, error) = Form("peg").Score(new Dictionary<string, int> { ["peg-pain"] = 7, ["peg-enjoyment"] = 5, ["peg-activity"] = 6 });

        Assert.Null(error);
        Assert.Equal(("peg", 6m), (scores[0].InstrumentId, scores[0].Value));
    }

    [Fact]
    public void A_PEG_mean_that_is_not_whole_keeps_two_decimals()
    {
        var (scores, _) = Form("peg").Score(new Dictionary<string, int> { ["peg-pain"] = 7, ["peg-enjoyment"] = 5, ["peg-activity"] = 5 });

        Assert.Equal(5.67m, scores[0].Value);
    }

    [Fact]
    public void A_DSQ_PEM_item_counts_only_when_frequency_and_severity_are_both_at_least_2()
    {
        var answers = new Dictionary<string, int>();
        for (var i = 1; i <= 5; i++)
        {
            answers[$"dsq-{i}-frequency"] = i == 1 ? 2 : 4;
            answers[$"dsq-{i}-severity"] = i == 1 ? 2 : 1;
        }

        var (scores, error) = Form("dsq-pem").Score(answers);

        Assert.Null(error);
        Assert.Equal(("dsq-pem", 1m), (scores[0].InstrumentId, scores[0].Value));
    }

    [Fact]
    public void An_untouched_questionnaire_gives_no_score_and_no_error()
    {
        var (scores, error) = Form("dsq-pem").Score(new Dictionary<string, int>());

        Assert.Empty(scores);
        Assert.Null(error);
    }

    [Fact]
    public void An_answer_the_question_does_not_offer_is_refused()
    {
        var (scores, error) = Form("promis-pain-intensity").Score(new Dictionary<string, int> { ["promis-now"] = 0 });

        Assert.Empty(scores);
        Assert.NotNull(error);
    }

    [Fact]
    public void PROMIS_items_are_each_their_own_instrument_and_may_be_answered_alone()
    {
        var (scores, error) = Form("promis-pain-intensity").Score(new Dictionary<string, int> { ["promis-now"] = 3 });

        Assert.Null(error);
        Assert.Equal(("promis-pain-intensity-now", 3m), (scores[0].InstrumentId, scores[0].Value));
    }

    [Theory]
    [InlineData("peg", "5.67", "PEG 5.67/10")]
    [InlineData("dsq-pem", "2", "DSQ-PEM 2 of 5 items")]
    [InlineData("promis-pain-intensity-worst", "4", "Worst pain (7 days): Severe")]
    [InlineData("promis-pain-intensity-now", "1", "Pain now: Had no pain")]
    public void A_stored_score_is_described_in_the_words_of_its_form(string instrument, string value, string expected) =>
        Assert.Equal(expected, Forms.Value.Describe(instrument, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_score_no_form_produces_keeps_its_instrument_id() =>
        Assert.Equal("phq-9 12", Forms.Value.Describe("phq-9", 12m));
}
