using System.Collections.Immutable;
using System.Globalization;
using Relief.Core.Knowledge;
using Relief.Store.Application;
using Relief.Store.Diary;
using Relief.Store.Knowledge;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Relief.Web.Diary;

/// <summary>One answer a question offers: its score and, for labelled scales, its words.</summary>
public sealed record DiaryAnswer(int Score, string? Label);

/// <summary>One question of a form item; <see cref="Instrument"/> is set when the question is scored on its own.</summary>
public sealed record DiaryQuestion(string Id, string? Prompt, ImmutableArray<DiaryAnswer> Answers, string? Low, string? High, string? Instrument)
{
    /// <summary>The few words shown before this question's own score in the recent-entries list.</summary>
    public string? Short { get; init; }
}

public sealed record DiaryItem(string Text, ImmutableArray<DiaryQuestion> Questions);

/// <summary>A validated questionnaire as the diary offers it, scored into an instrument of the store.</summary>
public sealed record DiaryQuestionnaire
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Scoring { get; init; }

    public required int Threshold { get; init; }

    public required string? Instrument { get; init; }

    public required string SourceId { get; init; }

    public required ImmutableArray<DiaryItem> Items { get; init; }

    /// <summary>The few words shown before the form's score in the recent-entries list.</summary>
    public string? Short { get; init; }

    /// <summary>For <c>table</c> scoring: the instrument value of each raw summed score (a PROMIS T-score table).</summary>
    public ImmutableSortedDictionary<int, decimal> Table { get; init; } = ImmutableSortedDictionary<int, decimal>.Empty;

    public IEnumerable<DiaryQuestion> Questions => Items.SelectMany(i => i.Questions);

    /// <summary>
    /// The instrument scores the answers give (none when the form was left empty), or the reason they cannot be
    /// scored: a mean or a count needs every question answered; an answer the question does not offer is refused.
    /// </summary>
    public (IReadOnlyList<InstrumentAnswer> Scores, StoreError? Error) Score(IReadOnlyDictionary<string, int> answers)
    {
        var given = Questions.Where(q => answers.ContainsKey(q.Id)).ToList();
        if (given.Count == 0)
        {
            return ([], null);
        }

        foreach (var question in given)
        {
            if (!question.Answers.Any(a => a.Score == answers[question.Id]))
            {
                return ([], new StoreError(Id, $"'{answers[question.Id]}' is not an answer to {question.Id}"));
            }
        }

        switch (Scoring)
        {
            case "each":
                return ([.. given.Select(q => new InstrumentAnswer(q.Instrument!, answers[q.Id]))], null);
            case "mean" when given.Count == Questions.Count():
                return ([new InstrumentAnswer(Instrument!, Math.Round(given.Average(q => (decimal)answers[q.Id]), 2))], null);
            case "items-meeting" when given.Count == Questions.Count():
                var met = Items.Count(item => item.Questions.All(q => answers[q.Id] >= Threshold));
                return ([new InstrumentAnswer(Instrument!, met)], null);
            case "table" when given.Count == Questions.Count():
                // The loader proved the table holds every possible sum, so a complete form always finds its row.
                var raw = given.Sum(q => answers[q.Id]);
                return ([new InstrumentAnswer(Instrument!, Table[raw])], null);
            default:
                return ([], new StoreError(Id, $"{Name}: answer all {Questions.Count()} questions, or none"));
        }
    }
}

/// <summary>
/// Loads knowledge/follow-up/diary-forms.yaml and checks it against the store's instruments and the knowledge
/// base's sources: every instrument named must be one the store accepts, every answer inside its range.
/// </summary>
public sealed class DiaryForms
{
    public const string File = "follow-up/diary-forms.yaml";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    private DiaryForms(ImmutableArray<DiaryQuestionnaire> forms) => Forms = forms;

    public ImmutableArray<DiaryQuestionnaire> Forms { get; }

    /// <summary>
    /// A stored questionnaire score in a few words, as its form asked it: "PEG 5.33/10", "DSQ-PEM 2 of 5 items",
    /// "Worst pain (7 days): Severe". A score no form produces (an import) keeps its instrument id.
    /// </summary>
    public string Describe(string instrumentId, decimal value)
    {
        var number = value.ToString("0.##", CultureInfo.InvariantCulture);
        foreach (var form in Forms)
        {
            if (form.Scoring == "each" && form.Questions.FirstOrDefault(q => q.Instrument == instrumentId) is { } question)
            {
                return $"{question.Short ?? instrumentId}: {question.Answers.FirstOrDefault(a => a.Score == value)?.Label ?? number}";
            }

            if (form.Scoring != "each" && form.Instrument == instrumentId)
            {
                var name = form.Short ?? instrumentId;
                return form.Scoring switch
                {
                    "items-meeting" => $"{name} {number} of {form.Items.Length} items",
                    "table" => $"{name} {value.ToString("0.0", CultureInfo.InvariantCulture)}",
                    _ => $"{name} {number}/{form.Questions.SelectMany(q => q.Answers).Max(a => a.Score)}",
                };
            }
        }

        return $"{instrumentId} {number}";
    }

    /// <summary>The forms, or every problem found (the service refuses to start on a knowledge error).</summary>
    public static (DiaryForms? Forms, IReadOnlyList<string> Errors) Load(string directory, KnowledgeBase knowledge, FollowUpKnowledge followUp)
    {
        DiaryFormsFile? file;
        try
        {
            file = Yaml.Deserialize<DiaryFormsFile>(System.IO.File.ReadAllText(Path.Combine(directory, File)));
        }
        catch (Exception e) when (e is YamlException or IOException)
        {
            return (null, [$"{File}: {e.Message}"]);
        }

        var errors = new List<string>();
        void Check(bool ok, string where, string message)
        {
            if (!ok)
            {
                errors.Add($"{File}: {where}: {message}");
            }
        }

        var lists = new Dictionary<string, ImmutableArray<DiaryAnswer>>(StringComparer.Ordinal);
        foreach (var list in file?.AnswerLists ?? [])
        {
            var id = list.Id ?? "";
            Check(list.Source is { } s && knowledge.Sources.ContainsKey(s), id, $"source '{list.Source}' is not in sources.yaml");
            Check((list.Range is null) != (list.Answers is null), id, "give either range or answers");
            lists[id] = list.Range is { } range
                ? [.. Enumerable.Range(range.Min, range.Max - range.Min + 1).Select(n => new DiaryAnswer(n, null))]
                : [.. (list.Answers ?? []).Select(a => new DiaryAnswer(a.Score, a.Label))];
        }

        var forms = new List<DiaryQuestionnaire>();
        foreach (var form in file?.Forms ?? [])
        {
            var id = form.Id ?? "";
            var scoring = form.Scoring ?? "";
            Check(scoring is "mean" or "each" or "items-meeting" or "table", id, $"scoring '{scoring}' is mean, each, items-meeting or table");
            Check(form.Source is { } s && knowledge.Sources.ContainsKey(s), id, $"source '{form.Source}' is not in sources.yaml");
            Check(scoring == "each" || (form.Instrument is { } i && followUp.InstrumentsById.ContainsKey(i)), id, $"instrument '{form.Instrument}' is not in instruments.yaml");
            var items = new List<DiaryItem>();
            foreach (var item in form.Items ?? [])
            {
                var questions = new List<DiaryQuestion>();
                foreach (var q in item.Questions ?? [])
                {
                    var where = $"{id}/{q.Id}";
                    Check(q.Answers is { } a && lists.ContainsKey(a), where, $"answer list '{q.Answers}' is not defined");
                    var answers = lists.GetValueOrDefault(q.Answers ?? "", []);
                    var instrument = scoring == "each" ? q.Instrument : form.Instrument;
                    Check(instrument is not null && followUp.InstrumentsById.ContainsKey(instrument), where, $"instrument '{instrument}' is not in instruments.yaml");
                    if (scoring == "each" && instrument is not null && followUp.InstrumentsById.TryGetValue(instrument, out var own))
                    {
                        Check(answers.All(a => own.Accepts(a.Score)), where, $"an answer's score is outside {own.Id}'s range");
                    }

                    questions.Add(new DiaryQuestion(q.Id ?? "", q.Prompt, answers, q.Low, q.High, scoring == "each" ? q.Instrument : null) { Short = q.Short });
                }

                items.Add(new DiaryItem(item.Text ?? "", [.. questions]));
            }

            var table = CheckTable(form, scoring, items, followUp, Check);
            forms.Add(new DiaryQuestionnaire
            {
                Id = id,
                Name = form.Name ?? id,
                Scoring = scoring,
                Threshold = form.Threshold ?? 0,
                Instrument = form.Instrument,
                SourceId = form.Source ?? "",
                Items = [.. items],
                Short = form.Short,
                Table = table,
            });
        }

        var ids = forms.SelectMany(f => f.Questions).Select(q => q.Id).ToList();
        Check(ids.Distinct(StringComparer.Ordinal).Count() == ids.Count, "forms", "question ids must be unique");
        Check(ids.All(q => q.Length > 0 && q.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')), "forms", "question ids are letters, digits and hyphens");
        return errors.Count > 0 ? (null, errors) : (new DiaryForms([.. forms]), []);
    }

    /// <summary>
    /// A <c>table</c> form's conversion, checked: one row for every sum the answers can make (no gap, no extra, no
    /// repeat), values that rise with the sum, each one the instrument accepts. Other forms must not carry a table.
    /// </summary>
    private static ImmutableSortedDictionary<int, decimal> CheckTable(FormEntry form, string scoring, List<DiaryItem> items, FollowUpKnowledge followUp, Action<bool, string, string> check)
    {
        var id = form.Id ?? "";
        var rows = form.Table ?? [];
        if (scoring != "table")
        {
            check(rows.Count == 0, id, "only a form with scoring 'table' has a table");
            return ImmutableSortedDictionary<int, decimal>.Empty;
        }

        var questions = items.SelectMany(i => i.Questions).ToList();
        check(questions.Count > 0 && questions.All(q => q.Answers.Length > 0), id, "a table form needs questions with answers");
        if (questions.Count == 0 || questions.Any(q => q.Answers.Length == 0))
        {
            return ImmutableSortedDictionary<int, decimal>.Empty;
        }

        var lowest = questions.Sum(q => q.Answers.Min(a => a.Score));
        var highest = questions.Sum(q => q.Answers.Max(a => a.Score));
        check(rows.All(r => r.Raw is not null && r.TScore is not null), id, "every table row has a raw and a t-score");
        var complete = rows.Where(r => r.Raw is not null && r.TScore is not null).ToList();
        var raws = complete.Select(r => r.Raw!.Value).ToList();
        check(raws.Distinct().Count() == raws.Count, id, "the table gives a raw score more than once");
        var missing = Enumerable.Range(lowest, highest - lowest + 1).Except(raws).ToList();
        check(missing.Count == 0, id, $"the table has no row for raw score(s) {string.Join(", ", missing)} (the answers sum to {lowest}-{highest})");
        var outside = raws.Where(r => r < lowest || r > highest).ToList();
        check(outside.Count == 0, id, $"raw score(s) {string.Join(", ", outside)} cannot be reached (the answers sum to {lowest}-{highest})");
        var table = complete.GroupBy(r => r.Raw!.Value).ToImmutableSortedDictionary(g => g.Key, g => g.First().TScore!.Value);
        var values = table.ToList();
        for (var i = 1; i < values.Count; i++)
        {
            check(values[i].Value > values[i - 1].Value, id, $"the table must rise with the raw score: {values[i - 1].Key} -> {values[i - 1].Value}, {values[i].Key} -> {values[i].Value}");
        }

        if (form.Instrument is { } instrument && followUp.InstrumentsById.TryGetValue(instrument, out var own))
        {
            check(table.Values.All(own.Accepts), id, $"a table value is outside {own.Id}'s range");
        }

        return table;
    }
}
