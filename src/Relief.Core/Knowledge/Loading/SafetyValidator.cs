using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Model;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// Checks the safety files (knowledge-format-safety.md §11) and builds <see cref="SafetyKnowledge"/>: ids, refs that resolve to
/// ingredients, factor/test/band references, sources, vocabularies, code shapes, units that convert, renal
/// bands and schedule phases that tile their ranges. Every problem is collected as file, entry and reason.
/// </summary>
internal sealed partial class SafetyValidator
{
    private readonly List<KnowledgeError> _errors;
    private readonly IReadOnlySet<string> _sourceIds;
    private readonly IReadOnlyList<DrugClass> _classes;
    private readonly IReadOnlyList<Drug> _drugs;
    private readonly FrozenSet<string> _drugIds;
    private Dictionary<string, FrozenSet<string>> _refs = new(StringComparer.Ordinal);

    public SafetyValidator(List<KnowledgeError> errors, IReadOnlySet<string> sourceIds, IReadOnlyList<DrugClass> classes, IReadOnlyList<Drug> drugs)
    {
        _errors = errors;
        _sourceIds = sourceIds;
        _classes = classes;
        _drugs = drugs;
        _drugIds = drugs.Select(d => d.Id).ToFrozenSet(StringComparer.Ordinal);
    }

    // Letter, digit, then a digit or letter (Z3A, O9A), then up to four characters after the dot.
    [GeneratedRegex(@"^[A-Z]([0-9][0-9A-Z]?(\.[0-9A-Z]{1,4})?)?$")]
    private static partial Regex Icd10CmPrefix();

    public SafetyKnowledge Build(SafetyFileSet files)
    {
        var units = BuildUnits(files.Units);
        var groups = BuildGroups(files.Groups);
        var tests = BuildTests(files.Monitoring, units);
        var conventions = BuildConventions(files.Conventions);
        var (interpretation, factors) = BuildFactors(files.Factors, tests, units, conventions);
        var cautions = BuildCautions(files.Cautions, factors);
        var vaccines = BuildVaccines(files.Vaccines);
        var interactions = BuildInteractions(files.Interactions, groups);
        var (doses, mme) = BuildDoses(files.Doses, factors, units);
        var (sets, protocols) = BuildMonitoring(files.Monitoring, tests, factors, units);
        var response = BuildResponse(files.Response, units);

        return new SafetyKnowledge(new SafetyKnowledgeParts
        {
            Refs = _refs.ToFrozenDictionary(StringComparer.Ordinal),
            ResultInterpretation = interpretation,
            Factors = factors.Values.ToList(),
            Groups = groups,
            Cautions = cautions,
            Interactions = interactions,
            Vaccines = vaccines,
            DoseRules = doses,
            MmeFactors = mme,
            Tests = tests.Values.ToList(),
            ThresholdSets = sets,
            Protocols = protocols,
            Units = units,
            Instruments = response.Instruments,
            Bands = response.Bands,
            ResponseBaselineMaxDaysBeforeStart = response.MaxDaysBeforeStart,
            AdequateTrials = response.Trials,
            Decisions = response.Decisions,
            Tapering = response.Tapering,
            Conventions = conventions,
        });
    }

    private SafetyConventions BuildConventions(ConventionsFile file)
    {
        int Days(int? value, string field)
        {
            if (value is not (>= 1 and <= 3650))
            {
                Error(KnowledgeLoader.ConventionsFile, field, "must be a whole number of days from 1 to 3650");
                return 1;
            }

            return value.Value;
        }

        return new SafetyConventions
        {
            BaselineReportDays = Days(file.BaselineReportDays, "baseline-report-days"),
            KidneyCreatinineWithinDays = Days(file.KidneyCreatinineWithinDays, "kidney-creatinine-within-days"),
            KidneyWeightWithinDays = Days(file.KidneyWeightWithinDays, "kidney-weight-within-days"),
            KidneyEgfrWithinDays = Days(file.KidneyEgfrWithinDays, "kidney-egfr-within-days"),
            CourseGapDays = Days(file.CourseGapDays, "course-gap-days"),
            ThresholdConfirmationDays = Days(file.ThresholdConfirmationDays, "threshold-confirmation-days"),
            ThresholdUnknownStartLookbackDays = Days(file.ThresholdUnknownStartLookbackDays, "threshold-unknown-start-lookback-days"),
            ImmuneGlobulinLiveVaccineDays = Days(file.ImmuneGlobulinLiveVaccineDays, "immune-globulin-live-vaccine-days"),
            PregnancyEvidenceDays = Days(file.PregnancyEvidenceDays, "pregnancy-evidence-days"),
        };
    }

    // ---------------------------------------------------------------- refs (knowledge-format-safety.md §1.1)

    private List<DrugGroup> BuildGroups(GroupsFile file)
    {
        const string f = KnowledgeLoader.SafetyGroupsFile;
        var refs = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        foreach (var drug in _drugs)
        {
            refs[drug.Id] = FrozenSet.Create(StringComparer.Ordinal, drug.Id);
        }

        // A class resolves to every drug whose class is it or a descendant of it.
        var parents = _classes.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().ParentId, StringComparer.Ordinal);
        foreach (var drugClass in _classes)
        {
            refs[drugClass.Id] = _drugs.Where(d => InClass(d.ClassId, drugClass.Id, parents)).Select(d => d.Id).ToFrozenSet(StringComparer.Ordinal);
        }

        var entries = new Dictionary<string, GroupEntry>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, index) in (file.Groups ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "group", ids);
            CheckCommon(f, id, entry);
            Require(f, id, entry.Name, "name");
            Sources(f, id, entry);
            if (refs.ContainsKey(id))
            {
                Error(f, id, "group id must not equal a drug or class id");
                continue;
            }

            if (entry.Members is not { Count: > 0 })
            {
                Error(f, id, KnowledgeMessages.NeedsAtLeastOne("a group", "member"));
            }

            entries.TryAdd(id, entry);
        }

        // Groups may name groups in any order; those on a cycle are reported and resolve to nothing, the rest depth-first.
        var resolved = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        foreach (var id in CycleCheck.OnCycles(entries.Keys, id => (entries[id].Members ?? []).Where(entries.ContainsKey)))
        {
            Error(KnowledgeLoader.SafetyGroupsFile, id, KnowledgeMessages.OnCycle("members"));
            resolved[id] = FrozenSet<string>.Empty;
        }

        foreach (var id in entries.Keys)
        {
            ResolveGroup(id, entries, refs, resolved);
        }

        foreach (var (id, ingredients) in resolved)
        {
            refs[id] = ingredients;
        }

        _refs = refs;
        return entries.Select(kv => new DrugGroup(
                kv.Key, kv.Value.Name ?? kv.Key, [.. kv.Value.Members ?? []], resolved.GetValueOrDefault(kv.Key) ?? FrozenSet<string>.Empty, Sources(null, kv.Key, kv.Value)))
            .ToList();
    }

    private FrozenSet<string> ResolveGroup(
        string id, Dictionary<string, GroupEntry> entries, Dictionary<string, FrozenSet<string>> refs,
        Dictionary<string, FrozenSet<string>> resolved)
    {
        if (resolved.TryGetValue(id, out var done))
        {
            return done;
        }

        var ingredients = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in entries[id].Members ?? [])
        {
            FrozenSet<string> memberIngredients;
            if (entries.ContainsKey(member))
            {
                memberIngredients = ResolveGroup(member, entries, refs, resolved);
            }
            else if (!refs.TryGetValue(member, out memberIngredients!))
            {
                Error(KnowledgeLoader.SafetyGroupsFile, id, KnowledgeMessages.NotA("member", member, "a drug, class or group"));
                continue;
            }

            if (memberIngredients.Count == 0)
            {
                Error(KnowledgeLoader.SafetyGroupsFile, id, KnowledgeMessages.ResolvesToNoIngredient("member", member));
            }

            ingredients.UnionWith(memberIngredients);
        }

        var result = ingredients.ToFrozenSet(StringComparer.Ordinal);
        resolved[id] = result;
        return result;
    }

    private static bool InClass(string? classId, string target, Dictionary<string, string?> parents)
    {
        var steps = 0;
        for (var id = classId; id is not null && steps <= parents.Count; id = parents.GetValueOrDefault(id), steps++)
        {
            if (id == target)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Resolves a list of refs to the union of their ingredients; each must exist and resolve to something.</summary>
    private FrozenSet<string> Refs(string file, string entry, List<string>? refs, string field, bool required = true)
    {
        if (refs is not { Count: > 0 })
        {
            if (required)
            {
                Error(file, entry, KnowledgeMessages.NeedsAtLeastOne(field, "drug, class or group"));
            }

            return FrozenSet<string>.Empty;
        }

        var ingredients = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in refs)
        {
            ingredients.UnionWith(Ref(file, entry, reference, field));
        }

        return ingredients.ToFrozenSet(StringComparer.Ordinal);
    }

    private FrozenSet<string> Ref(string file, string entry, string? reference, string field)
    {
        if (reference is null || !_refs.TryGetValue(reference, out var ingredients))
        {
            Error(file, entry, KnowledgeMessages.NotA(field, reference, "a drug, class or group"));
            return FrozenSet<string>.Empty;
        }

        if (ingredients.Count == 0)
        {
            Error(file, entry, KnowledgeMessages.ResolvesToNoIngredient(field, reference));
        }

        return ingredients;
    }

    // ---------------------------------------------------------------- shared checks

    private string CheckId(string file, string? id, int index, string kind, HashSet<string> seen) =>
        KnowledgeIds.Check(_errors, file, id, index, kind, seen);

    private void CheckCommon(string file, string entry, SafetyEntry item) =>
        EntryChecks.Verified(_errors, file, entry, item.Verified, required: false);

    /// <summary>The source ids of an entry (source and sources together); a clinical statement must cite one. No file: read without checking.</summary>
    private ImmutableArray<string> Sources(string? file, string entry, SourcedEntry item, bool required = true) => file is null
        ? [.. (item.Source is null ? [] : new[] { item.Source }).Concat(item.Sources ?? []).Distinct(StringComparer.Ordinal)]
        : EntryChecks.Sources(_errors, file, entry, item.Source, item.Sources, _sourceIds, required);

    private ImmutableArray<Code> Codes(string file, string entry, List<SafetyCodeEntry>? codes)
    {
        var result = ImmutableArray.CreateBuilder<Code>();
        foreach (var item in codes ?? [])
        {
            CheckCommon(file, entry, item);
            if (EntryChecks.Code(_errors, file, entry, item.System, item.Code, item.Display, loincAnswers: true) is { } code)
            {
                result.Add(code);
            }
        }

        return result.ToImmutable();
    }

    private T Parse<T>(string file, string entry, string? text, string field, T? fallback = null)
        where T : struct, Enum => EntryChecks.Vocabulary(_errors, file, entry, text, field, fallback);

    private void Require(string file, string entry, string? value, string field) => EntryChecks.Require(_errors, file, entry, value, field);

    private void Positive(string file, string entry, decimal? value, string field) => EntryChecks.Positive(_errors, file, entry, value, field);

    private void Error(string file, string entry, string reason) => _errors.Add(new KnowledgeError(file, entry, reason));
}
