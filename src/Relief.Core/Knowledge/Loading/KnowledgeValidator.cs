using System.Collections.Immutable;
using System.Text.RegularExpressions;
using NodaTime.Text;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Model;
using Relief.Core.Knowledge.Opioids;

namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// Turns parsed knowledge files into the model, checking what a schema alone cannot: unique ids,
/// references that resolve, a source behind every clinical statement, well-formed codes.
/// </summary>
internal sealed partial class KnowledgeValidator
{
    private static readonly string[] SourceKinds = ["guideline", "systematic-review", "trial", "label", "consensus", "terminology", "review", "regulator"];
    private static readonly string[] ConditionKinds = ["nociplastic", "neuropathic", "inflammatory", "fatigue", "chronic-pain"];
    private static readonly string[] TherapyKinds = ["non-drug", "procedure", "experimental"];
    private static readonly string[] Qualities = ["high", "moderate", "low", "very-low"];

    private readonly List<KnowledgeError> _errors = [];
    private readonly HashSet<string> _sourceIds = new(StringComparer.Ordinal);

    public static KnowledgeLoadResult Build(KnowledgeFileSet files) => new KnowledgeValidator().Run(files);


    private KnowledgeLoadResult Run(KnowledgeFileSet files)
    {
        var manifest = BuildManifest(files.Manifest!);
        var sources = BuildSources(files.Sources!);
        var conditions = BuildConditions(files.Conditions!);
        var (classes, drugs) = BuildDrugs(files.Drugs!, files.OtherIngredients!);
        var therapies = BuildTherapies(files.Therapies!);
        CheckSharedNamespace(classes, drugs, therapies);
        var products = BuildProducts(files.Products!, drugs);
        var therapyIds = classes.Select(c => c.Id).Concat(drugs.Select(d => d.Id)).Concat(therapies.Select(t => t.Id)).ToHashSet(StringComparer.Ordinal);
        var statements = BuildStatements(files.Evidence, conditions, therapyIds);
        var safety = new SafetyValidator(_errors, _sourceIds, classes, drugs).Build(files.Safety!);
        var opioids = files.Opioids is null ? OpioidKnowledge.None : new OpioidValidator(_errors, _sourceIds, classes, drugs).Build(files.Opioids);

        return _errors.Count > 0
            ? new KnowledgeLoadResult(null, [.. _errors])
            : new KnowledgeLoadResult(new KnowledgeBase(manifest, sources, conditions, classes, drugs, therapies, products, statements, safety) { Opioids = opioids }, []);
    }

    private KnowledgeManifest BuildManifest(ManifestFile file)
    {
        Require(KnowledgeLoader.ManifestFile, "(manifest)", file.Name, "name");
        if (file.Version is null || !CalendarVersion().IsMatch(file.Version))
        {
            Error(KnowledgeLoader.ManifestFile, "(manifest)", "version must be a calendar version year.month.patch, e.g. 2026.11.0");
        }

        return new KnowledgeManifest(file.Name ?? "", file.Version ?? "", file.Released);
    }

    [GeneratedRegex(@"^\d{4}\.\d{1,2}\.\d+$")]
    private static partial Regex CalendarVersion();

    private List<Source> BuildSources(SourcesFile file)
    {
        const string f = KnowledgeLoader.SourcesFile;
        var result = new List<Source>();
        foreach (var (entry, index) in (file.Sources ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "source", _sourceIds);
            Require(f, id, entry.Title, "title");
            if (entry.Year is not (>= 1900 and <= 2100))
            {
                Error(f, id, "year is missing or not a year");
            }

            if (entry.Kind is null || !SourceKinds.Contains(entry.Kind))
            {
                Error(f, id, $"kind must be one of {string.Join(", ", SourceKinds)}");
            }

            result.Add(new Source(id, entry.Title ?? "", entry.Authors, entry.Publication, entry.Year ?? 0, entry.Kind ?? "", entry.Pmid, entry.Doi, entry.Url, entry.Label ?? DefaultLabel(entry)));
        }

        return result;
    }

    // Without a label, a trial or review is known by its first author and year ("Clark 1985").
    private static string DefaultLabel(SourceEntry entry)
    {
        var firstAuthor = entry.Authors?.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return firstAuthor is { Length: > 1 } && char.IsUpper(firstAuthor[0]) && entry.Authors!.Contains(',', StringComparison.Ordinal)
            ? $"{firstAuthor} {entry.Year}"
            : $"{entry.Title} ({entry.Year})";
    }

    private List<ConditionDefinition> BuildConditions(ConditionsFile file)
    {
        const string f = KnowledgeLoader.ConditionsFile;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ConditionDefinition>();
        foreach (var (entry, index) in (file.Conditions ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "condition", ids);
            Require(f, id, entry.Name, "name");
            if (entry.Kind is null || !ConditionKinds.Contains(entry.Kind))
            {
                Error(f, id, $"kind must be one of {string.Join(", ", ConditionKinds)}");
            }

            CheckOptionalSource(f, id, entry.Source);
            var codes = (entry.Codes ?? []).Select(c => BuildConditionCode(f, id, c)).OfType<ConditionCode>().ToImmutableArray();
            if (codes.IsEmpty)
            {
                Error(f, id, "a condition needs at least one code");
            }

            result.Add(new ConditionDefinition(id, entry.Name ?? id, entry.Kind ?? "", [.. entry.Synonyms ?? []], [.. entry.Inherits ?? []], codes, entry.Source));
        }

        foreach (var condition in result)
        {
            foreach (var parent in condition.Inherits.Where(p => !ids.Contains(p)))
            {
                Error(f, condition.Id, $"inherits unknown condition '{parent}'");
            }
        }

        CheckNoInheritanceCycle(result);
        return result;
    }

    private void CheckNoInheritanceCycle(List<ConditionDefinition> conditions)
    {
        var byId = conditions.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var condition in conditions)
        {
            var stack = new Stack<(string Id, int Depth)>([(condition.Id, 0)]);
            while (stack.Count > 0)
            {
                var (id, depth) = stack.Pop();
                if (depth > byId.Count)
                {
                    Error(KnowledgeLoader.ConditionsFile, condition.Id, "inherits itself through a cycle");
                    break;
                }

                foreach (var parent in byId.TryGetValue(id, out var c) ? c.Inherits : [])
                {
                    stack.Push((parent, depth + 1));
                }
            }
        }
    }

    private ConditionCode? BuildConditionCode(string file, string owner, CodeEntry entry)
    {
        var code = BuildCode(file, owner, entry);
        if (code is null)
        {
            return null;
        }

        var from = ParseDate(file, owner, entry.ValidFrom, "valid-from");
        var to = ParseDate(file, owner, entry.ValidTo, "valid-to");
        return new ConditionCode(code.Value, entry.Display ?? "", entry.Broad, from, to);
    }

    private Code? BuildCode(string file, string owner, CodeEntry entry)
    {
        var system = entry.System is null ? null : CodeSystems.Resolve(entry.System);
        if (system is null || string.IsNullOrWhiteSpace(entry.Code))
        {
            Error(file, owner, $"code entry needs a known system and a code (got system '{entry.System}', code '{entry.Code}')");
            return null;
        }

        if (!CodeFormats.IsWellFormed(system, entry.Code))
        {
            Error(file, owner, $"{CodeSystems.ShortName(system)} code '{entry.Code}' is not well-formed");
            return null;
        }

        if (string.IsNullOrWhiteSpace(entry.Display))
        {
            Error(file, owner, $"code '{entry.Code}' needs a display");
        }

        return new Code(system, entry.Code);
    }

    private NodaTime.LocalDate? ParseDate(string file, string owner, string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            Error(file, owner, $"{field} '{text}' is not a date (yyyy-MM-dd)");
            return null;
        }

        return parsed.Value;
    }

    private (List<DrugClass> Classes, List<Drug> Drugs) BuildDrugs(DrugsFile file, DrugsFile otherIngredients)
    {
        const string classFile = KnowledgeLoader.DrugsFile;
        var classIds = new HashSet<string>(StringComparer.Ordinal);
        var classes = new List<DrugClass>();
        foreach (var (entry, index) in (file.Classes ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(classFile, entry.Id, index, "class", classIds);
            Require(classFile, id, entry.Name, "name");
            CheckOptionalSource(classFile, id, entry.Source);
            classes.Add(new DrugClass(id, entry.Name ?? id, entry.Parent, entry.Mechanism));
        }

        foreach (var c in classes.Where(c => c.ParentId is not null && !classIds.Contains(c.ParentId)))
        {
            Error(classFile, c.Id, $"parent '{c.ParentId}' is not a class");
        }

        CheckNoClassCycle(classes);

        if (otherIngredients.Classes is { Count: > 0 })
        {
            Error(KnowledgeLoader.OtherIngredientsFile, "(file)", "classes belong in drugs.yaml");
        }

        var drugIds = new HashSet<string>(StringComparer.Ordinal);
        var rxcuis = new Dictionary<string, string>(StringComparer.Ordinal);
        var drugs = new List<Drug>();
        var entries = (file.Drugs ?? []).Select(e => (File: classFile, Entry: e))
            .Concat((otherIngredients.Drugs ?? []).Select(e => (File: KnowledgeLoader.OtherIngredientsFile, Entry: e)));
        foreach (var (item, index) in entries.Select((e, i) => (e, i)))
        {
            var (f, entry) = item;
            var id = CheckId(f, entry.Id, index, "drug", drugIds);
            Require(f, id, entry.Name, "name");
            CheckOptionalSource(f, id, entry.Source);
            if (entry.Class is not null && !classIds.Contains(entry.Class))
            {
                Error(f, id, $"class '{entry.Class}' is not a class");
            }

            if (entry.Rxnorm is not null)
            {
                if (!CodeFormats.IsWellFormed(CodeSystems.RxNorm, entry.Rxnorm))
                {
                    Error(f, id, $"rxnorm '{entry.Rxnorm}' is not an RxCUI");
                }
                else if (!rxcuis.TryAdd(entry.Rxnorm, id))
                {
                    Error(f, id, $"rxnorm '{entry.Rxnorm}' is already used by '{rxcuis[entry.Rxnorm]}'");
                }
            }

            foreach (var atc in (entry.Atc ?? []).Where(a => !CodeFormats.IsWellFormed(CodeSystems.Atc, a)))
            {
                Error(f, id, $"ATC code '{atc}' is not well-formed");
            }

            var scope = entry.Scope switch
            {
                null or "in-scope" => DrugScope.InScope,
                "co-medication" => DrugScope.CoMedication,
                "other" => DrugScope.Other,
                _ => Invalid(f, id, "scope must be in-scope, co-medication or other", DrugScope.Other),
            };

            if (f == KnowledgeLoader.OtherIngredientsFile && scope != DrugScope.Other)
            {
                Error(f, id, $"{KnowledgeLoader.OtherIngredientsFile} holds scope: other only; clinical drugs belong in {KnowledgeLoader.DrugsFile}");
            }

            drugs.Add(new Drug(id, entry.Name ?? id, entry.Class, entry.Rxnorm, [.. entry.Atc ?? []], [.. entry.Brands ?? []], [.. entry.Synonyms ?? []], entry.Mechanism, scope));
        }

        return (classes, drugs);
    }

    private void CheckNoClassCycle(List<DrugClass> classes)
    {
        var byId = classes.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var c in classes)
        {
            var steps = 0;
            for (var id = c.ParentId; id is not null && byId.TryGetValue(id, out var parent); id = parent.ParentId)
            {
                if (++steps > byId.Count)
                {
                    Error(KnowledgeLoader.DrugsFile, c.Id, "class parents form a cycle");
                    break;
                }
            }
        }
    }

    private List<Therapy> BuildTherapies(TherapiesFile file)
    {
        const string f = KnowledgeLoader.TherapiesFile;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Therapy>();
        foreach (var (entry, index) in (file.Therapies ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "therapy", ids);
            Require(f, id, entry.Name, "name");
            CheckOptionalSource(f, id, entry.Source);
            if (entry.Kind is null || !TherapyKinds.Contains(entry.Kind))
            {
                Error(f, id, $"kind must be one of {string.Join(", ", TherapyKinds)}");
            }

            var codes = (entry.Codes ?? []).Select(c => BuildCode(f, id, c)).OfType<Code>().ToImmutableArray();
            result.Add(new Therapy(id, entry.Name ?? id, entry.Kind ?? "", codes, entry.Mechanism));
        }

        return result;
    }

    private void CheckSharedNamespace(List<DrugClass> classes, List<Drug> drugs, List<Therapy> therapies)
    {
        // Evidence names a drug, a class or a therapy by bare id, so the three share one namespace.
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, kind, file) in classes.Select(c => (c.Id, "class", KnowledgeLoader.DrugsFile))
                     .Concat(drugs.Select(d => (d.Id, "drug", KnowledgeLoader.DrugsFile)))
                     .Concat(therapies.Select(t => (t.Id, "therapy", KnowledgeLoader.TherapiesFile))))
        {
            if (!owners.TryAdd(id, kind) && owners[id] != kind)
            {
                Error(file, id, $"id is already used by a {owners[id]}; drugs, classes and therapies share one namespace");
            }
        }
    }

    private List<Product> BuildProducts(ProductsFile file, List<Drug> drugs)
    {
        const string f = KnowledgeLoader.ProductsFile;
        var drugIds = drugs.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Product>();
        foreach (var entry in file.Products ?? [])
        {
            var code = entry.Rxnorm ?? "(missing rxnorm)";
            if (entry.Rxnorm is null || !CodeFormats.IsWellFormed(CodeSystems.RxNorm, entry.Rxnorm))
            {
                Error(f, code, "rxnorm must be an RxCUI");
                continue;
            }

            if (!codes.Add(entry.Rxnorm))
            {
                Error(f, code, "product listed twice");
            }

            Require(f, code, entry.Name, "name");
            Require(f, code, entry.Tty, "tty");
            var ingredients = entry.Ingredients ?? [];
            if (ingredients.Count == 0)
            {
                Error(f, code, "a product needs at least one ingredient");
            }

            foreach (var missing in ingredients.Where(i => !drugIds.Contains(i)))
            {
                Error(f, code, $"ingredient '{missing}' is not a drug in {KnowledgeLoader.DrugsFile}");
            }

            result.Add(new Product(entry.Rxnorm, entry.Name ?? "", entry.Tty ?? "", [.. ingredients]));
        }

        return result;
    }

    private List<EvidenceStatement> BuildStatements(
        ImmutableArray<(string File, EvidenceFile Content)> files, List<ConditionDefinition> conditions, HashSet<string> therapyIds)
    {
        var conditionIds = conditions.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var statementIds = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<EvidenceStatement>();
        foreach (var (f, content) in files)
        {
            if (content.Condition is null || !conditionIds.Contains(content.Condition))
            {
                Error(f, "(file)", $"condition '{content.Condition}' is not in {KnowledgeLoader.ConditionsFile}");
                continue;
            }

            if (Path.GetFileNameWithoutExtension(f) != content.Condition)
            {
                Error(f, "(file)", $"file name must be the condition id: {content.Condition}.yaml");
            }

            foreach (var (entry, index) in (content.Statements ?? []).Select((e, i) => (e, i)))
            {
                var id = CheckId(f, entry.Id, index, "statement", statementIds);
                if (entry.Therapy is null || !therapyIds.Contains(entry.Therapy))
                {
                    Error(f, id, $"therapy '{entry.Therapy}' is not a drug, class or therapy");
                }

                if (!EvidenceGradeExtensions.TryParse(entry.Grade, out var grade))
                {
                    Error(f, id, "grade must be one of strong-for, weak-for, insufficient, experimental, weak-against, strong-against");
                }

                if (entry.Line is not (null or 1 or 2 or 3))
                {
                    Error(f, id, "line must be 1, 2 or 3");
                }

                if (entry.Quality is not null && !Qualities.Contains(entry.Quality))
                {
                    Error(f, id, $"quality must be one of {string.Join(", ", Qualities)}");
                }

                Require(f, id, entry.Summary, "summary");
                if (entry.Source is null)
                {
                    Error(f, id, "every statement must cite a source");
                }
                else if (!_sourceIds.Contains(entry.Source))
                {
                    Error(f, id, $"source '{entry.Source}' is not in {KnowledgeLoader.SourcesFile}");
                }

                foreach (var unknown in (entry.NotFor ?? []).Where(c => !conditionIds.Contains(c)))
                {
                    Error(f, id, $"not-for names unknown condition '{unknown}'");
                }

                result.Add(new EvidenceStatement(
                    id, content.Condition, entry.Therapy ?? "", grade, entry.Line, entry.Quality,
                    BuildNumberNeeded(f, id, entry.Nnt, "nnt"), BuildNumberNeeded(f, id, entry.Nnh, "nnh"),
                    entry.Summary ?? "", entry.Source ?? "", [.. entry.NotFor ?? []]));
            }
        }

        return result;
    }

    private NumberNeeded? BuildNumberNeeded(string file, string id, NumberNeededEntry? entry, string field)
    {
        if (entry is null)
        {
            return null;
        }

        if (entry.Value is not { } value || value < 1)
        {
            Error(file, id, $"{field} value must be a number of at least 1");
            return null;
        }

        if ((entry.Low is { } low && low > value) || (entry.High is { } high && high < value))
        {
            Error(file, id, $"{field} confidence interval must contain the value");
        }

        return new NumberNeeded(value, entry.Low, entry.High, entry.Outcome);
    }

    private string CheckId(string file, string? id, int index, string kind, HashSet<string> seen) =>
        KnowledgeIds.Check(_errors, file, id, index, kind, seen);

    private void CheckOptionalSource(string file, string id, string? source)
    {
        if (source is not null && !_sourceIds.Contains(source))
        {
            Error(file, id, $"source '{source}' is not in {KnowledgeLoader.SourcesFile}");
        }
    }

    private void Require(string file, string id, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(file, id, $"{field} is required");
        }
    }

    private T Invalid<T>(string file, string id, string reason, T fallback)
    {
        Error(file, id, reason);
        return fallback;
    }

    private void Error(string file, string entry, string reason) => _errors.Add(new KnowledgeError(file, entry, reason));
}
