using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Relief.Store.Knowledge;

namespace Relief.Store.Import;

/// <summary>
/// Turns the answers of a QuestionnaireResponse into coded scores, using the questionnaire maps of
/// knowledge/follow-up/questionnaires.yaml: questions by linkId or by the end of their text, answers by code
/// or display. Unmatched items are counted, never guessed.
/// </summary>
internal static partial class QuestionnaireResponseScorer
{
    public sealed record ScoredAnswer(QuestionMap Question, AnswerScore Answer, DateTime EffectiveAt);

    public static (List<ScoredAnswer> Scores, int Unmatched) Score(JsonElement response, IEnumerable<QuestionnaireMap> maps, DateTime fallbackTime)
    {
        var effective = fallbackTime;
        if (response.TryGetProperty("authored", out var authored) && authored.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(authored.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            effective = at.UtcDateTime;
        }
        else if (response.TryGetProperty("meta", out var meta) && meta.TryGetProperty("lastUpdated", out var updated)
                 && DateTimeOffset.TryParse(updated.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var u))
        {
            effective = u.UtcDateTime;
        }

        var questions = maps.SelectMany(m => m.Questions).ToList();
        var scores = new List<ScoredAnswer>();
        var unmatched = 0;
        foreach (var item in Items(response))
        {
            var answer = FirstCoding(item);
            if (answer is null)
            {
                continue;
            }

            var linkId = item.TryGetProperty("linkId", out var l) ? l.GetString() : null;
            var text = item.TryGetProperty("text", out var t) ? Normalise(t.GetString()) : "";
            var question = questions.FirstOrDefault(q => q.LinkId == linkId && text.EndsWith(Normalise(q.Text), StringComparison.Ordinal))
                ?? questions.FirstOrDefault(q => text.Length > 0 && text.EndsWith(Normalise(q.Text), StringComparison.Ordinal));
            var (code, display) = answer.Value;
            var scored = question?.Answers.FirstOrDefault(a => a.Code.Value == code)
                ?? question?.Answers.FirstOrDefault(a => string.Equals(Normalise(a.Display), Normalise(display), StringComparison.Ordinal));
            if (question is null || scored is null)
            {
                unmatched++;
                continue;
            }

            scores.Add(new ScoredAnswer(question, scored, effective));
        }

        return (scores, unmatched);
    }

    private static IEnumerable<JsonElement> Items(JsonElement parent)
    {
        if (!parent.TryGetProperty("item", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in items.EnumerateArray())
        {
            yield return item;
            foreach (var nested in Items(item))
            {
                yield return nested;
            }
        }
    }

    /// <summary>The answer's coding: answer[].valueCoding, or answerOption[].valueCoding as the CDS4CPM sample responses write it.</summary>
    private static (string? Code, string? Display)? FirstCoding(JsonElement item)
    {
        foreach (var name in new[] { "answer", "answerOption" })
        {
            if (item.TryGetProperty(name, out var answers) && answers.ValueKind == JsonValueKind.Array)
            {
                foreach (var answer in answers.EnumerateArray())
                {
                    if (answer.TryGetProperty("valueCoding", out var coding))
                    {
                        return (coding.TryGetProperty("code", out var c) ? c.GetString() : null,
                                coding.TryGetProperty("display", out var d) ? d.GetString() : null);
                    }
                }
            }
        }

        return null;
    }

    private static string Normalise(string? text) => Spaces().Replace(text ?? "", " ").Trim().ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
