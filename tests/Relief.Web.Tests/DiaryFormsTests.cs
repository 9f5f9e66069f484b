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
    [InlineData("promis-fatigue-7a", "56.4", "Fatigue (PROMIS 7a) T-score 56.4")]
    [InlineData("promis-fatigue-7a", "62", "Fatigue (PROMIS 7a) T-score 62.0")]
    public void A_stored_score_is_described_in_the_words_of_its_form(string instrument, string value, string expected) =>
        Assert.Equal(expected, Forms.Value.Describe(instrument, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_score_no_form_produces_keeps_its_instrument_id() =>
        Assert.Equal("phq-9 12", Forms.Value.Describe("phq-9", 12m));

    /// <summary>
    /// The T-score the knowledge file gives for a raw summed score, read from the file's text (not through the loader
    /// under test), so a loader that misread or shifted the table would fail.
    /// </summary>
    internal static decimal FatigueTableRow(int raw)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "knowledge", DiaryForms.File));
        var match = System.Text.RegularExpressions.Regex.Match(text, $@"\{{ raw: {raw}, t-score: (?<t>[0-9.]+) \}}");
        Assert.True(match.Success, $"diary-forms.yaml has a row for raw {raw}");
        return decimal.Parse(match.Groups["t"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, int> FatigueAnswers(string label) =>
        Form("promis-fatigue-7a").Questions.ToDictionary(q => q.Id, q => q.Answers.Single(a => a.Label == label).Score);

    [Fact]
    public void PROMIS_fatigue_7a_sums_its_seven_items_and_stores_the_T_score_of_the_table_row()
    {
        // "Sometimes" scores 3 on every item, the reversed one included: raw 7 x 3 = 21.
        var (scores, error) = Form("promis-fatigue-7a").Score(FatigueAnswers("Sometimes"));

        Assert.Null(error);
        Assert.Equal(("promis-fatigue-7a", FatigueTableRow(21)), (scores.Single().InstrumentId, scores.Single().Value));
    }

    [Fact]
    public void The_fatigue_7a_exercise_item_is_scored_the_other_way_round()
    {
        // "Always" tired, exhausted ... but also always enough energy to exercise: 6 x 5 + 1 = 31, not 35.
        var (always, _) = Form("promis-fatigue-7a").Score(FatigueAnswers("Always"));
        var (never, _) = Form("promis-fatigue-7a").Score(FatigueAnswers("Never"));

        Assert.Equal(FatigueTableRow(31), always.Single().Value);
        Assert.Equal(FatigueTableRow(6 + 5), never.Single().Value);
    }

    [Fact]
    public void The_extremes_of_fatigue_7a_are_the_first_and_last_rows_of_the_table()
    {
        var form = Form("promis-fatigue-7a");
        var least = form.Questions.ToDictionary(q => q.Id, q => q.Answers.Min(a => a.Score));
        var most = form.Questions.ToDictionary(q => q.Id, q => q.Answers.Max(a => a.Score));

        Assert.Equal(FatigueTableRow(7), form.Score(least).Scores.Single().Value);
        Assert.Equal(FatigueTableRow(35), form.Score(most).Scores.Single().Value);
    }

    [Fact]
    public void A_half_answered_fatigue_7a_is_refused_naming_the_form()
    {
        var answers = FatigueAnswers("Often").Take(4).ToDictionary(kv => kv.Key, kv => kv.Value);

        var (scores, error) = Form("promis-fatigue-7a").Score(answers);

        Assert.Empty(scores);
        Assert.Equal("promis-fatigue-7a", error!.Field);
        Assert.Contains("answer all 7 questions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_that_falls_as_the_raw_score_rises_is_refused_on_load()
    {
        var errors = LoadEdited(text => text.Replace("{ raw: 20, t-score: 56.4 }", "{ raw: 20, t-score: 50.0 }", StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Contains("promis-fatigue-7a", StringComparison.Ordinal) && e.Contains("must rise", StringComparison.Ordinal));
    }

    [Fact]
    public void A_table_missing_a_reachable_raw_score_is_refused_on_load()
    {
        var errors = LoadEdited(text => text.Replace("      - { raw: 35, t-score: 83.2 }\n", "", StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Contains("no row for raw score(s) 35", StringComparison.Ordinal));
    }

    [Fact]
    public void A_table_row_no_answers_can_reach_is_refused_on_load()
    {
        var errors = LoadEdited(text => text.Replace("      - { raw: 35, t-score: 83.2 }\n", "      - { raw: 35, t-score: 83.2 }\n      - { raw: 36, t-score: 86.0 }\n", StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Contains("36 cannot be reached", StringComparison.Ordinal));
    }

    /// <summary>Loads a copy of the knowledge directory whose diary-forms.yaml was edited; returns the load errors.</summary>
    private static IReadOnlyList<string> LoadEdited(Func<string, string> edit)
    {
        var source = Path.Combine(RepositoryPaths.Root, "knowledge");
        var copy = Directory.CreateTempSubdirectory("relief-diary-forms-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy.FullName, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var formsFile = Path.Combine(copy.FullName, DiaryForms.File);
            var original = File.ReadAllText(formsFile);
            var edited = edit(original);
            Assert.NotEqual(original, edited);
            File.WriteAllText(formsFile, edited);
            var knowledge = KnowledgeLoader.Load(copy.FullName).Knowledge!;
            var followUp = FollowUpKnowledgeLoader.Load(copy.FullName, knowledge).Knowledge!;
            var (forms, errors) = DiaryForms.Load(copy.FullName, knowledge, followUp);
            Assert.Null(forms);
            return errors;
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}
