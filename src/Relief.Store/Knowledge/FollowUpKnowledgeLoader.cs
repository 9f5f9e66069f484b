using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Relief.Store.Knowledge;

/// <summary>
/// Loads and validates knowledge/follow-up/*.yaml against the main knowledge base (sources must exist there):
/// every problem is reported with file, entry and reason, as the main loader does.
/// </summary>
public static class FollowUpKnowledgeLoader
{
    public const string Folder = "follow-up";
    public const string InstrumentsFile = "follow-up/instruments.yaml";
    public const string BodyMapFile = "follow-up/body-map.yaml";
    public const string PacingFile = "follow-up/pacing.yaml";
    public const string QuestionnairesFile = "follow-up/questionnaires.yaml";

    private static readonly string[] AdviceTriggers = ["any-crash", "crash-after-high-exertion"];

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    public static (FollowUpKnowledge? Knowledge, ImmutableArray<KnowledgeError> Errors) Load(string directory, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var errors = new List<KnowledgeError>();
        var instruments = Read<InstrumentsFile>(directory, InstrumentsFile, errors);
        var bodyMap = Read<BodyMapFile>(directory, BodyMapFile, errors);
        var pacing = Read<PacingFile>(directory, PacingFile, errors);
        var questionnaires = Read<QuestionnairesFile>(directory, QuestionnairesFile, errors);
        if (instruments is null || bodyMap is null || pacing is null || questionnaires is null)
        {
            return (null, [.. errors]);
        }

        var local = instruments.LocalCodeSystem;
        if (string.IsNullOrWhiteSpace(local) || !Uri.TryCreate(local, UriKind.Absolute, out _))
        {
            errors.Add(new KnowledgeError(InstrumentsFile, "local-code-system", "must be an absolute URI"));
            local = "urn:invalid";
        }

        var validator = new Validator(knowledge, local, errors);
        var instrumentList = validator.Instruments(instruments.Instruments ?? []);
        var result = new FollowUpKnowledge(
            local,
            instrumentList,
            validator.Terms(BodyMapFile, "regions", bodyMap.Regions ?? [], requireCode: true),
            validator.Terms(BodyMapFile, "qualities", bodyMap.Qualities ?? [], requireCode: false),
            validator.Pacing(pacing),
            validator.Questionnaires(questionnaires, instrumentList));
        return errors.Count > 0 ? (null, [.. errors]) : (result, []);
    }

    private static T? Read<T>(string directory, string relativePath, List<KnowledgeError> errors)
        where T : class
    {
        var path = Path.Combine(directory, relativePath);
        if (!File.Exists(path))
        {
            errors.Add(new KnowledgeError(relativePath, "(file)", "file not found"));
            return null;
        }

        try
        {
            using var reader = File.OpenText(path);
            var content = Yaml.Deserialize<T>(reader);
            if (content is null)
            {
                errors.Add(new KnowledgeError(relativePath, "(file)", "file is empty"));
            }

            return content;
        }
        catch (YamlException e)
        {
            errors.Add(new KnowledgeError(relativePath, $"line {e.Start.Line}, column {e.Start.Column}", e.InnerException?.Message ?? e.Message));
            return null;
        }
    }

    private sealed class Validator(KnowledgeBase knowledge, string localSystem, List<KnowledgeError> errors)
    {
        public ImmutableArray<Instrument> Instruments(List<InstrumentEntry> entries)
        {
            var result = ImmutableArray.CreateBuilder<Instrument>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var codes = new HashSet<Code>();
            foreach (var (entry, index) in entries.Select((e, i) => (e, i)))
            {
                var id = entry.Id ?? $"#{index + 1}";
                if (entry.Id is null || !ids.Add(entry.Id))
                {
                    Error(InstrumentsFile, id, entry.Id is null ? "id is required" : "duplicate id");
                    continue;
                }

                var code = entry.Code is null && entry.Items is { Count: > 0 } ? null : CodeOf(InstrumentsFile, id, entry.Code);
                if (code is { } c && !codes.Add(c))
                {
                    Error(InstrumentsFile, id, $"code {c} is used by another instrument");
                }

                var items = (entry.Items ?? []).Select(i => CodeOf(InstrumentsFile, id, i)).ToList();
                if (entry.Range?.Min is not { } min || entry.Range?.Max is not { } max || min >= max)
                {
                    Error(InstrumentsFile, id, "range needs min < max");
                    continue;
                }

                if (entry.Direction is not ("lower-is-better" or "higher-is-better"))
                {
                    Error(InstrumentsFile, id, "direction must be lower-is-better or higher-is-better");
                }

                CheckSource(InstrumentsFile, id, entry.Source);
                if (string.IsNullOrWhiteSpace(entry.Name) || string.IsNullOrWhiteSpace(entry.Unit))
                {
                    Error(InstrumentsFile, id, "name and unit are required");
                }

                if ((code is null && entry.Code is not null) || items.Any(i => i is null))
                {
                    continue;
                }

                result.Add(new Instrument
                {
                    Id = id,
                    Name = entry.Name ?? id,
                    Code = code,
                    Display = entry.Code?.Display ?? entry.Name ?? id,
                    Items = [.. items.Select(i => i!.Value)],
                    Min = min,
                    Max = max,
                    RangeIsConvention = entry.RangeConvention,
                    IntegerOnly = entry.Integer,
                    Unit = entry.Unit ?? "{score}",
                    LowerIsBetter = entry.Direction != "higher-is-better",
                    SourceId = entry.Source ?? "",
                });
            }

            return result.ToImmutable();
        }

        public ImmutableArray<BodyMapTerm> Terms(string file, string list, List<NamedCodeEntry> entries, bool requireCode)
        {
            var result = ImmutableArray.CreateBuilder<BodyMapTerm>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var id = entry.Id ?? $"{list}: (no id)";
                if (entry.Id is null || !ids.Add(entry.Id))
                {
                    Error(file, id, entry.Id is null ? "id is required" : "duplicate id");
                    continue;
                }

                Code? code = null;
                if (entry.Code is not null)
                {
                    code = CodeOf(file, id, entry.Code);
                    if (code is { } c && c.System != CodeSystems.Snomed)
                    {
                        Error(file, id, "body-map and quality codes must be SNOMED CT");
                    }
                }
                else if (requireCode)
                {
                    Error(file, id, "a body-map region needs its SNOMED CT body-structure code");
                }

                CheckSource(file, id, entry.Source);
                result.Add(new BodyMapTerm(entry.Id, entry.Name ?? entry.Id, code, entry.Code?.Display, entry.Source ?? ""));
            }

            return result.ToImmutable();
        }

        public PacingKnowledge Pacing(PacingFile file)
        {
            var from = file.ExertionWindow?.FromHoursBefore;
            var to = file.ExertionWindow?.ToHoursBefore;
            if (from is null || to is null || to < 0 || from <= to)
            {
                Error(PacingFile, "exertion-window", "needs from-hours-before > to-hours-before >= 0");
            }

            if (file.HighExertionScore?.Min is not (>= 0 and <= 10))
            {
                Error(PacingFile, "high-exertion-score", "min must be 0-10 (the energy-envelope scale)");
            }

            var advice = ImmutableArray.CreateBuilder<PacingAdvice>();
            foreach (var entry in file.Advice ?? [])
            {
                var id = entry.Id ?? "(no id)";
                if (entry.When is null || !AdviceTriggers.Contains(entry.When))
                {
                    Error(PacingFile, id, $"when must be one of {string.Join(", ", AdviceTriggers)}");
                }

                if (string.IsNullOrWhiteSpace(entry.Text))
                {
                    Error(PacingFile, id, "text is required");
                }

                CheckSource(PacingFile, id, entry.Source);
                advice.Add(new PacingAdvice(id, entry.When ?? "", entry.Text ?? "", entry.Source ?? "", entry.Section));
            }

            if (file.RecentCrashDays?.Days is not (> 0 and <= 365))
            {
                Error(PacingFile, "recent-crash-days", "days must be 1-365");
            }

            return new PacingKnowledge(from ?? 72, to ?? 24, file.HighExertionScore?.Min ?? 7, file.RecentCrashDays?.Days ?? 28, advice.ToImmutable());
        }

        public ImmutableArray<QuestionnaireMap> Questionnaires(QuestionnairesFile file, ImmutableArray<Instrument> instruments)
        {
            var lists = new Dictionary<string, ImmutableArray<AnswerScore>>(StringComparer.Ordinal);
            foreach (var list in file.AnswerLists ?? [])
            {
                var id = list.Id ?? "(no id)";
                CheckSource(QuestionnairesFile, id, list.Source);
                var answers = ImmutableArray.CreateBuilder<AnswerScore>();
                foreach (var answer in list.Answers ?? [])
                {
                    if (answer.Display is null || answer.Code is null || answer.Score is null || !CodeFormats.IsLoincAnswer(answer.Code))
                    {
                        Error(QuestionnairesFile, id, $"answer '{answer.Display}' needs display, a LOINC answer code (LA...) and a score");
                        continue;
                    }

                    answers.Add(new AnswerScore(answer.Display, new Code(CodeSystems.Loinc, answer.Code), answer.Score.Value));
                }

                lists[id] = answers.ToImmutable();
            }

            var byId = instruments.ToDictionary(i => i.Id, StringComparer.Ordinal);
            var result = ImmutableArray.CreateBuilder<QuestionnaireMap>();
            foreach (var q in file.Questionnaires ?? [])
            {
                var id = q.Id ?? "(no id)";
                CheckSource(QuestionnairesFile, id, q.Source);
                var questions = ImmutableArray.CreateBuilder<QuestionMap>();
                foreach (var item in q.Items ?? [])
                {
                    var where = $"{id}: {item.LinkId}";
                    if (item.LinkId is null || item.Text is null || item.Code is null || !CodeFormats.IsWellFormed(CodeSystems.Loinc, item.Code))
                    {
                        Error(QuestionnairesFile, where, "needs link-id, text and a well-formed LOINC code");
                        continue;
                    }

                    if (item.Instrument is null || !byId.TryGetValue(item.Instrument, out var instrument))
                    {
                        Error(QuestionnairesFile, where, $"instrument '{item.Instrument}' is not in instruments.yaml");
                        continue;
                    }

                    var code = new Code(CodeSystems.Loinc, item.Code);
                    if (instrument.Code != code && !instrument.Items.Contains(code))
                    {
                        Error(QuestionnairesFile, where, $"code {item.Code} is not the code or an item of instrument {instrument.Id}");
                    }

                    if (item.Answers is null || !lists.TryGetValue(item.Answers, out var answers))
                    {
                        Error(QuestionnairesFile, where, $"answer list '{item.Answers}' is not defined");
                        continue;
                    }

                    if (answers.Any(a => !instrument.Accepts(a.Score)))
                    {
                        Error(QuestionnairesFile, where, $"answer scores fall outside instrument {instrument.Id}'s range");
                    }

                    questions.Add(new QuestionMap(item.LinkId, item.Text, code, instrument, answers));
                }

                result.Add(new QuestionnaireMap(id, q.Name ?? id, questions.ToImmutable()));
            }

            return result.ToImmutable();
        }

        private Code? CodeOf(string file, string id, CodeEntry? entry)
        {
            if (entry?.System is null || entry.Code is null)
            {
                Error(file, id, "code needs system and code");
                return null;
            }

            var system = entry.System == "local" ? localSystem : CodeSystems.Resolve(entry.System);
            if (system is null)
            {
                Error(file, id, $"unknown code system '{entry.System}'");
                return null;
            }

            if (system != localSystem && !CodeFormats.IsWellFormed(system, entry.Code))
            {
                Error(file, id, $"'{entry.Code}' is not a well-formed {entry.System} code");
                return null;
            }

            return new Code(system, entry.Code);
        }

        private void CheckSource(string file, string id, string? source)
        {
            if (source is null || !knowledge.Sources.ContainsKey(source))
            {
                Error(file, id, source is null ? "source is required" : $"source '{source}' is not in sources.yaml");
            }
        }

        private void Error(string file, string entry, string reason) => errors.Add(new KnowledgeError(file, entry, reason));
    }
}
