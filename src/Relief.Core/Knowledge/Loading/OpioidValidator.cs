using System.Collections.Frozen;
using System.Collections.Immutable;
using Relief.Core.Assessment.Findings;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Model;
using Relief.Core.Knowledge.Opioids;

namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// Checks knowledge/opioids/ and builds <see cref="OpioidKnowledge"/>: all twelve recommendations with a category
/// (A or B) and evidence type (1-4); every rule on a known recommendation with a severity, wording and a source;
/// every window named and sourced; every value set, drug and class a rule or group refers to present; codes
/// well formed. Every problem is reported with file and entry.
/// </summary>
internal sealed class OpioidValidator(List<KnowledgeError> errors, IReadOnlySet<string> sourceIds, IReadOnlyList<DrugClass> classes, IReadOnlyList<Drug> drugs)
{
    private const string GuidelineFile = KnowledgeLoader.OpioidGuidelineFile;
    private const string SubstancesFile = KnowledgeLoader.OpioidSubstancesFile;
    private const string AdditionsFile = KnowledgeLoader.OpioidAdditionsFile;
    private const string ValueSetsFolder = "opioids/value-sets/";

    private static readonly string[] ResourceTypes = ["MedicationRequest", "ServiceRequest", "Procedure"];

    private Dictionary<string, ValueSet> _valueSets = new(StringComparer.Ordinal);

    public OpioidKnowledge Build(OpioidFileSet files)
    {
        _valueSets = BuildValueSets(files.ValueSets, files.Additions);
        var guideline = files.Guideline;
        var guidelineSource = guideline.Source;
        if (guidelineSource is null || !sourceIds.Contains(guidelineSource))
        {
            Error(GuidelineFile, "(guideline)", $"source '{guidelineSource}' must name the guideline in {KnowledgeLoader.SourcesFile}");
        }

        var recommendations = BuildRecommendations(guideline.Recommendations ?? []);
        var rules = BuildRules(guideline.Rules ?? [], recommendations);
        var windows = BuildWindows(guideline.Windows ?? []);
        var exclusions = BuildExclusions(guideline.Exclusions ?? []);
        var medications = BuildMedications(files.Substances.Medications ?? []);
        var urineTests = (files.Substances.UrineTestValueSets ?? []).Select(id => Set(SubstancesFile, "urine-test-value-sets", id)).OfType<ValueSet>().ToImmutableArray();
        var screens = BuildScreens(files.Substances.UrineScreens ?? []);
        var resultText = files.Substances.ResultText;
        if (resultText is null || (resultText.Positive ?? []).Count == 0 || (resultText.Negative ?? []).Count == 0)
        {
            Error(SubstancesFile, "result-text", "positive and negative words for text results are required");
        }
        else
        {
            Sources(SubstancesFile, "result-text", resultText);
        }

        return new OpioidKnowledge(
            guidelineSource,
            recommendations.ToFrozenDictionary(r => r.Number),
            rules.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal),
            windows,
            [.. exclusions],
            _valueSets.ToFrozenDictionary(StringComparer.Ordinal),
            medications.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal),
            urineTests,
            [.. screens])
        {
            PositiveWords = [.. (resultText?.Positive ?? []).Select(w => w.ToLowerInvariant())],
            PositiveInterpretations = Codes(resultText?.PositiveInterpretations),
            NegativeInterpretations = Codes(resultText?.NegativeInterpretations),
            NegativeWords = [.. (resultText?.Negative ?? []).Select(w => w.ToLowerInvariant())],
        };
    }

    private Dictionary<string, ValueSet> BuildValueSets(IReadOnlyList<(string File, ValueSetFile Content)> files, ValueSetAdditionsFile? additions)
    {
        var codesById = new Dictionary<string, (ValueSetFile File, HashSet<Code> Codes)>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var (file, content) = files[i];
            var id = KnowledgeIds.Check(errors, file, content.Id, i, "value set", seen);
            if (content.Url is null || content.Name is null)
            {
                Error(file, id, "a value set needs a name and the url it was carried over from");
            }

            EntryChecks.Known(errors, file, id, "source", content.Source, content.Source is { } source && sourceIds.Contains(source), KnowledgeLoader.SourcesFile);

            var codes = new HashSet<Code>();
            foreach (var (system, values) in content.Codes ?? [])
            {
                var resolved = CodeSystems.Resolve(system);
                foreach (var value in values ?? [])
                {
                    if (resolved is null || string.IsNullOrWhiteSpace(value))
                    {
                        Error(file, id, KnowledgeMessages.CodeNeedsSystem(system, value));
                        continue;
                    }

                    codes.Add(new Code(resolved, value.Trim()));
                }
            }

            if (codes.Count == 0)
            {
                Error(file, id, KnowledgeMessages.NeedsAtLeastOne("a value set", "code"));
            }

            codesById[id] = (content, codes);
        }

        foreach (var (item, index) in (additions?.Additions ?? []).Select((a, i) => (a, i)))
        {
            var entry = $"addition #{index + 1}";
            var system = item.System is null ? null : CodeSystems.Resolve(item.System);
            if (item.ValueSet is null || !codesById.TryGetValue(item.ValueSet, out var target))
            {
                EntryChecks.Known(errors, AdditionsFile, entry, "value set", item.ValueSet, exists: false, ValueSetsFolder);
                continue;
            }

            if (system is null || string.IsNullOrWhiteSpace(item.Code) || string.IsNullOrWhiteSpace(item.Display))
            {
                Error(AdditionsFile, entry, "an addition needs a known system, a code and its display");
                continue;
            }

            Sources(AdditionsFile, entry, item);
            if (string.IsNullOrWhiteSpace(item.Note))
            {
                Error(AdditionsFile, entry, "an addition must say in note: why the code is added");
            }

            target.Codes.Add(new Code(system, item.Code.Trim()));
        }

        return codesById.ToDictionary(
            kv => kv.Key,
            kv => new ValueSet(kv.Key, kv.Value.File.Name ?? kv.Key, kv.Value.File.Url ?? "", kv.Value.File.Source ?? "", kv.Value.Codes.ToFrozenSet()),
            StringComparer.Ordinal);
    }

    private List<OpioidRecommendation> BuildRecommendations(List<OpioidRecommendationEntry> entries)
    {
        var result = new List<OpioidRecommendation>();
        foreach (var item in entries)
        {
            var entry = $"recommendation {item.Number}";
            if (item.Number is not (>= 1 and <= 12) || result.Any(r => r.Number == item.Number))
            {
                Error(GuidelineFile, entry, "number must be 1 to 12 and unique");
                continue;
            }

            if (item.Category is not ("A" or "B"))
            {
                Error(GuidelineFile, entry, KnowledgeMessages.NotOneOf("category", "A, B", item.Category));
            }

            if (item.EvidenceType is not (>= 1 and <= 4))
            {
                Error(GuidelineFile, entry, KnowledgeMessages.NotOneOf("evidence-type", "1, 2, 3, 4", item.EvidenceType));
            }

            if (string.IsNullOrWhiteSpace(item.Topic) || string.IsNullOrWhiteSpace(item.Statement))
            {
                Error(GuidelineFile, entry, "a recommendation needs a topic and a statement");
            }

            CheckVerified(GuidelineFile, entry, item);
            result.Add(new OpioidRecommendation(item.Number.Value, item.Topic ?? "", item.Statement ?? "", item.Category is { Length: 1 } c ? c[0] : '?', item.EvidenceType ?? 0));
        }

        if (result.Count != 12)
        {
            Error(GuidelineFile, "recommendations", $"all twelve recommendations are required (found {result.Count})");
        }

        return result;
    }

    private List<OpioidRule> BuildRules(List<OpioidRuleEntry> entries, List<OpioidRecommendation> recommendations)
    {
        var result = new List<OpioidRule>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in entries)
        {
            var id = item.Id ?? $"rule #{result.Count + 1}";
            if (item.Id is null || !item.Id.StartsWith("cdc-2022/rec-", StringComparison.Ordinal) || !KnowledgeIds.IsKebabCase(item.Id["cdc-2022/".Length..]))
            {
                Error(GuidelineFile, id, "rule id must be cdc-2022/rec-<number>-<kebab-case>");
            }

            if (!seen.Add(id))
            {
                Error(GuidelineFile, id, KnowledgeMessages.DuplicateId("rule"));
                continue; // reported, and kept once: the rule index is by id
            }

            if (item.Recommendation is not { } number || recommendations.All(r => r.Number != number))
            {
                Error(GuidelineFile, id, KnowledgeMessages.NotA("recommendation", $"{item.Recommendation}", "one of the twelve"));
            }

            var severity = EntryChecks.Vocabulary<Severity>(errors, GuidelineFile, id, item.Severity, "severity");

            if (string.IsNullOrWhiteSpace(item.Title) || string.IsNullOrWhiteSpace(item.Why) || string.IsNullOrWhiteSpace(item.Action))
            {
                Error(GuidelineFile, id, "a rule needs a title, why and action");
            }

            CheckVerified(GuidelineFile, id, item);
            var proposals = (item.Proposals ?? []).Select(p => BuildProposal(id, p)).OfType<OrderProposal>().ToImmutableArray();
            result.Add(new OpioidRule
            {
                Id = id,
                Recommendation = item.Recommendation ?? 0,
                Severity = severity,
                Title = item.Title ?? "",
                Why = item.Why ?? "",
                Action = item.Action ?? "",
                Proposals = proposals,
                SourceIds = Sources(GuidelineFile, id, item),
            });
        }

        return result;
    }

    private OrderProposal? BuildProposal(string rule, ProposalEntry item)
    {
        var system = item.System is null ? null : CodeSystems.Resolve(item.System);
        if (item.ResourceType is null || !ResourceTypes.Contains(item.ResourceType) || system is null
            || string.IsNullOrWhiteSpace(item.Code) || string.IsNullOrWhiteSpace(item.Display))
        {
            Error(GuidelineFile, rule, $"a proposal needs resource-type ({string.Join(", ", ResourceTypes)}), a known system, a code and a display");
            return null;
        }

        Sources(GuidelineFile, rule, item);
        return new OrderProposal(item.ResourceType, new Code(system, item.Code.Trim()), item.Display);
    }

    private OpioidWindows? BuildWindows(Dictionary<string, OpioidWindowEntry> entries)
    {
        foreach (var name in entries.Keys.Where(k => !OpioidWindows.Names.Contains(k)))
        {
            Error(GuidelineFile, $"windows.{name}", KnowledgeMessages.NotOneOf("window", string.Join(", ", OpioidWindows.Names), name));
        }

        var values = new decimal[OpioidWindows.Names.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var name = OpioidWindows.Names[i];
            if (!entries.TryGetValue(name, out var item) || item.Value is not { } value || value <= 0)
            {
                Error(GuidelineFile, $"windows.{name}", item?.Value is null ? KnowledgeMessages.Required("window") : KnowledgeMessages.NotAboveZero("window"));
                continue;
            }

            Sources(GuidelineFile, $"windows.{name}", item);
            values[i] = value;
        }

        int Days(int i) => (int)values[i];
        return new OpioidWindows
        {
            SubacuteSupplyDays = Days(0),
            AcuteSupplyBelowDays = Days(1),
            AcuteMaxDays = Days(2),
            NaiveLookbackDays = Days(3),
            ActiveOrderYears = Days(4),
            ReviewLookbackDays = Days(5),
            ContinuityShortWindowDays = Days(6),
            ContinuityShortMinDays = Days(7),
            ContinuityMonthMinDays = Days(8),
            ScreeningLookbackMonths = Days(9),
            MmeReassess = values[10],
            MmeAvoid = values[11],
            AdultAge = Days(12),
        };
    }

    private List<OpioidExclusion> BuildExclusions(List<OpioidExclusionEntry> entries)
    {
        var result = new List<OpioidExclusion>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var item = entries[i];
            var id = KnowledgeIds.Check(errors, GuidelineFile, item.Id, i, "exclusion", seen);
            var conditions = Sets(GuidelineFile, id, item.Conditions);
            var procedures = Sets(GuidelineFile, id, item.Procedures);
            var observations = Sets(GuidelineFile, id, item.Observations);
            var dispositions = Sets(GuidelineFile, id, item.EncounterDispositions);
            var encounterTypes = Sets(GuidelineFile, id, item.EncounterTypes);
            var serviceRequests = Sets(GuidelineFile, id, item.ServiceRequests);
            var diagnoses = Sets(GuidelineFile, id, item.EncounterDiagnoses);
            if (conditions.IsEmpty && procedures.IsEmpty && observations.IsEmpty && dispositions.IsEmpty && encounterTypes.IsEmpty
                && serviceRequests.IsEmpty && diagnoses.IsEmpty)
            {
                Error(GuidelineFile, id, KnowledgeMessages.NeedsAtLeastOne("an exclusion", "value set (conditions, procedures, observations, encounter-dispositions, encounter-types, service-requests or encounter-diagnoses)"));
            }

            if (item.MinEncounters is < 1 || item.LookbackDays is < 1 || item.LookbackMonths is < 1)
            {
                Error(GuidelineFile, id, KnowledgeMessages.NotAboveZero("min-encounters, lookback-days and lookback-months"));
            }

            CheckVerified(GuidelineFile, id, item);
            result.Add(new OpioidExclusion(id, item.Name ?? id, conditions, procedures, observations, Sources(GuidelineFile, id, item))
            {
                EncounterDispositions = dispositions,
                EncounterTypes = encounterTypes,
                ServiceRequests = serviceRequests,
                EncounterDiagnoses = diagnoses,
                MinEncounters = item.MinEncounters ?? 1,
                LookbackDays = item.LookbackDays,
                LookbackMonths = item.LookbackMonths,
            });
        }

        return result;
    }

    private List<MedicationGroup> BuildMedications(List<MedicationGroupEntry> entries)
    {
        var result = new List<MedicationGroup>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var item = entries[i];
            var id = KnowledgeIds.Check(errors, SubstancesFile, item.Id, i, "medication group", seen);
            foreach (var drugClass in item.DrugClasses ?? [])
            {
                EntryChecks.Known(errors, SubstancesFile, id, "drug class", drugClass, classes.Any(k => k.Id == drugClass), KnowledgeLoader.DrugsFile);
            }

            CheckDrugs(SubstancesFile, id, item.Drugs);
            CheckVerified(SubstancesFile, id, item);
            result.Add(new MedicationGroup
            {
                Id = id,
                Name = item.Name ?? id,
                ValueSets = Sets(SubstancesFile, id, item.ValueSets),
                DrugClasses = [.. item.DrugClasses ?? []],
                Drugs = [.. item.Drugs ?? []],
                NameMarkers = [.. item.NameMarkers ?? []],
                SingleIngredient = item.SingleIngredient,
                SourceIds = Sources(SubstancesFile, id, item),
            });
        }

        foreach (var required in new[] { "opioid-analgesic", "extended-release-opioid", "benzodiazepine", "naloxone", "moud" }.Where(r => !seen.Contains(r)))
        {
            Error(SubstancesFile, required, "this medication group is required by the opioid review");
        }

        return result;
    }

    private List<UrineScreen> BuildScreens(List<UrineScreenEntry> entries)
    {
        var result = new List<UrineScreen>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var item = entries[i];
            var id = KnowledgeIds.Check(errors, SubstancesFile, item.Id, i, "urine screen", seen);
            var kind = EntryChecks.Vocabulary<UrineScreenKind>(errors, SubstancesFile, id, item.Kind, "kind");

            if (kind == UrineScreenKind.Opioid && (item.ExplainedBy ?? []).Count == 0)
            {
                Error(SubstancesFile, id, "an opioid analyte must list the prescribed ingredients that explain it (explained-by)");
            }

            CheckDrugs(SubstancesFile, id, item.ExplainedBy);
            CheckVerified(SubstancesFile, id, item);
            result.Add(new UrineScreen(id, item.Name ?? id, Sets(SubstancesFile, id, item.ValueSets), kind, [.. item.ExplainedBy ?? []], Sources(SubstancesFile, id, item)));
        }

        return result;
    }

    private FrozenSet<Code> Codes(List<SafetyCodeEntry>? entries) =>
        (entries ?? []).Select(e => EntryChecks.Code(errors, SubstancesFile, "result-text", e.System, e.Code, e.Display)).OfType<Code>().ToFrozenSet();

    private ImmutableArray<ValueSet> Sets(string file, string entry, List<string>? ids) =>
        [.. (ids ?? []).Select(id => Set(file, entry, id)).OfType<ValueSet>()];

    private ValueSet? Set(string file, string entry, string id) =>
        EntryChecks.Known(errors, file, entry, "value set", id, _valueSets.ContainsKey(id), ValueSetsFolder) ? _valueSets[id] : null;

    private void CheckDrugs(string file, string entry, List<string>? ids)
    {
        foreach (var id in ids ?? [])
        {
            EntryChecks.Known(errors, file, entry, "drug", id, drugs.Any(k => k.Id == id), KnowledgeLoader.DrugsFile);
        }
    }

    private void CheckVerified(string file, string entry, SafetyEntry item) =>
        EntryChecks.Verified(errors, file, entry, item.Verified, required: true);

    private ImmutableArray<string> Sources(string file, string entry, SourcedEntry item) =>
        EntryChecks.Sources(errors, file, entry, item.Source, item.Sources, sourceIds);

    private void Error(string file, string entry, string reason) => errors.Add(new KnowledgeError(file, entry, reason));
}
