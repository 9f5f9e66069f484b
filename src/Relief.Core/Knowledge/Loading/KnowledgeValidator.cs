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
        var statements = BuildStatements(files.Evidence, conditions, therapyIds, classes, drugs);
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

            var kind = EntryChecks.Vocabulary<SourceKind>(_errors, f, id, entry.Kind, "kind");
            result.Add(new Source
            {
                Id = id,
                Title = entry.Title ?? "",
                Authors = entry.Authors,
                Publication = entry.Publication,
                Year = entry.Year ?? 0,
                Kind = kind,
                Pmid = entry.Pmid,
                Doi = entry.Doi,
                Url = entry.Url,
                Label = entry.Label ?? DefaultLabel(entry),
            });
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
            var kind = EntryChecks.Vocabulary<ConditionKind>(_errors, f, id, entry.Kind, "kind");

            CheckOptionalSource(f, id, entry.Source);
            var codes = (entry.Codes ?? []).Select(c => BuildConditionCode(f, id, c)).OfType<ConditionCode>().ToImmutableArray();
            if (codes.IsEmpty)
            {
                Error(f, id, KnowledgeMessages.NeedsAtLeastOne("a condition", "code"));
            }

            result.Add(new ConditionDefinition
            {
                Id = id,
                Name = entry.Name ?? id,
                Kind = kind,
                Synonyms = [.. entry.Synonyms ?? []],
                Inherits = [.. entry.Inherits ?? []],
                Codes = codes,
                SourceId = entry.Source,
                ExcludedWhen = BuildExclusion(f, id, entry.ExcludedWhen, codes),
            });
        }

        foreach (var condition in result)
        {
            foreach (var parent in condition.Inherits.Where(p => !ids.Contains(p)))
            {
                Error(f, condition.Id, KnowledgeMessages.NotIn("inherits", parent, KnowledgeLoader.ConditionsFile));
            }

            foreach (var other in condition.ExcludedWhen.Conditions.Where(c => !ids.Contains(c) || c == condition.Id))
            {
                Error(f, condition.Id, other == condition.Id ? "excluded-when cannot name the condition itself" : KnowledgeMessages.NotIn("excluded-when", other, KnowledgeLoader.ConditionsFile));
            }
        }

        CheckNoInheritanceCycle(result);
        return result;
    }

    // An exclusion sets aside a match made only through broad codes, so a condition without broad codes has
    // nothing to set aside, and an exclusion needs a reason the clinician can read.
    private ConditionExclusion BuildExclusion(string file, string id, ExclusionEntry? entry, ImmutableArray<ConditionCode> ownCodes)
    {
        if (entry is null)
        {
            return ConditionExclusion.None;
        }

        var codes = (entry.Codes ?? []).Select(c => BuildCode(file, id, c)).OfType<Code>().ToImmutableArray();
        var exclusion = new ConditionExclusion([.. entry.Conditions ?? []], codes, entry.Reason);
        if (exclusion.IsEmpty)
        {
            Error(file, id, KnowledgeMessages.NeedsAtLeastOne("excluded-when", "condition or code"));
        }

        Require(file, id, entry.Reason, "excluded-when reason");
        if (!ownCodes.Any(c => c.Broad))
        {
            Error(file, id, "excluded-when applies to broad-code matches, but the condition has no broad code");
        }

        foreach (var own in codes.Where(c => ownCodes.Any(o => o.Code == c)))
        {
            Error(file, id, $"excluded-when code {own} is one of the condition's own codes");
        }

        return exclusion;
    }

    private void CheckNoInheritanceCycle(List<ConditionDefinition> conditions)
    {
        var byId = conditions.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var id in CycleCheck.OnCycles(byId.Keys, id => byId.TryGetValue(id, out var c) ? c.Inherits : []))
        {
            Error(KnowledgeLoader.ConditionsFile, id, KnowledgeMessages.OnCycle("inherits"));
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

    private Code? BuildCode(string file, string owner, CodeEntry entry) =>
        EntryChecks.Code(_errors, file, owner, entry.System, entry.Code, entry.Display);

    private NodaTime.LocalDate? ParseDate(string file, string owner, string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            Error(file, owner, KnowledgeMessages.NotADate(field, text));
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
            Error(classFile, c.Id, KnowledgeMessages.NotA("parent", c.ParentId, "a class"));
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
                Error(f, id, KnowledgeMessages.NotA("class", entry.Class, "a class"));
            }

            if (entry.Rxnorm is not null)
            {
                if (!CodeFormats.IsWellFormed(CodeSystems.RxNorm, entry.Rxnorm))
                {
                    Error(f, id, KnowledgeMessages.NotA("rxnorm", entry.Rxnorm, "an RxCUI"));
                }
                else if (!rxcuis.TryAdd(entry.Rxnorm, id))
                {
                    Error(f, id, KnowledgeMessages.AlreadyUsedBy("rxnorm", entry.Rxnorm, rxcuis[entry.Rxnorm]));
                }
            }

            foreach (var atc in (entry.Atc ?? []).Where(a => !CodeFormats.IsWellFormed(CodeSystems.Atc, a)))
            {
                Error(f, id, KnowledgeMessages.NotWellFormed("ATC code", atc));
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

            drugs.Add(new Drug
            {
                Id = id,
                Name = entry.Name ?? id,
                ClassId = entry.Class,
                RxNorm = entry.Rxnorm,
                Atc = [.. entry.Atc ?? []],
                Brands = [.. entry.Brands ?? []],
                Synonyms = [.. entry.Synonyms ?? []],
                Mechanism = entry.Mechanism,
                Scope = scope,
                Forms = BuildForms(f, id, entry.Forms),
            });
        }

        return (classes, drugs);
    }

    private ImmutableArray<ProductForm> BuildForms(string file, string drugId, List<FormEntry>? entries)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var forms = ImmutableArray.CreateBuilder<ProductForm>();
        foreach (var (entry, index) in (entries ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(file, entry.Id, index, $"form of {drugId}", ids);
            Require(file, drugId, entry.Name, $"form {id} name");
            var match = (entry.Match ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).ToImmutableArray();
            if (match.IsEmpty)
            {
                Error(file, drugId, $"form {id} needs at least one match text (a dose-form word or brand in product names)");
            }

            forms.Add(new ProductForm(id, entry.Name ?? id, match));
        }

        return forms.ToImmutable();
    }

    private void CheckNoClassCycle(List<DrugClass> classes)
    {
        var byId = classes.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var id in CycleCheck.OnCycles(byId.Keys, id => byId.TryGetValue(id, out var c) && c.ParentId is { } parent ? [parent] : []))
        {
            Error(KnowledgeLoader.DrugsFile, id, KnowledgeMessages.OnCycle("parent"));
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
            var kind = EntryChecks.Vocabulary<NonDrugTherapyKind>(_errors, f, id, entry.Kind, "kind");
            var codes = (entry.Codes ?? []).Select(c => BuildCode(f, id, c)).OfType<Code>().ToImmutableArray();
            result.Add(new Therapy(id, entry.Name ?? id, kind, codes, entry.Mechanism));
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
                Error(f, code, KnowledgeMessages.NotA("rxnorm", entry.Rxnorm, "an RxCUI"));
                continue;
            }

            if (!codes.Add(entry.Rxnorm))
            {
                Error(f, code, KnowledgeMessages.ListedTwice("product"));
            }

            Require(f, code, entry.Name, "name");
            Require(f, code, entry.Tty, "tty");
            var ingredients = entry.Ingredients ?? [];
            if (ingredients.Count == 0)
            {
                Error(f, code, KnowledgeMessages.NeedsAtLeastOne("a product", "ingredient"));
            }

            foreach (var missing in ingredients.Where(i => !drugIds.Contains(i)))
            {
                Error(f, code, KnowledgeMessages.NotIn("ingredient", missing, KnowledgeLoader.DrugsFile));
            }

            result.Add(new Product(entry.Rxnorm, entry.Name ?? "", entry.Tty ?? "", [.. ingredients]));
        }

        return result;
    }

    private List<EvidenceStatement> BuildStatements(
        ImmutableArray<(string File, EvidenceFile Content)> files,
        List<ConditionDefinition> conditions,
        HashSet<string> therapyIds,
        List<DrugClass> classes,
        List<Drug> drugs)
    {
        var scope = new StatementScope(classes, drugs);
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
                    Error(f, id, KnowledgeMessages.NotA("therapy", entry.Therapy, "a drug, class or therapy"));
                }

                if (!EvidenceGradeExtensions.TryParse(entry.Grade, out var grade))
                {
                    Error(f, id, entry.Grade is null ? KnowledgeMessages.RequiredOneOf<EvidenceGrade>("grade") : KnowledgeMessages.NotOneOf<EvidenceGrade>("grade", entry.Grade));
                }

                if (entry.Line is not (null or 1 or 2 or 3))
                {
                    Error(f, id, KnowledgeMessages.NotOneOf("line", "1, 2, 3", entry.Line));
                }

                var quality = entry.Quality is null ? null : WireName.Of(EntryChecks.Vocabulary<EvidenceQuality>(_errors, f, id, entry.Quality, "quality"));

                Require(f, id, entry.Summary, "summary");
                if (entry.Source is null)
                {
                    // Evidence statements cite exactly one source (source:), so the wording naming sources: would mislead.
                    Error(f, id, KnowledgeMessages.MissingTheSource);
                }
                else
                {
                    CheckOptionalSource(f, id, entry.Source);
                }

                foreach (var unknown in (entry.NotFor ?? []).Where(c => !conditionIds.Contains(c)))
                {
                    Error(f, id, KnowledgeMessages.NotIn("not-for", unknown, KnowledgeLoader.ConditionsFile));
                }

                var usage = EntryChecks.Vocabulary<StatementUsage>(_errors, f, id, entry.Usage, "usage", StatementUsage.Any);

                foreach (var problem in scope.Check(entry.Therapy, entry.Members ?? [], entry.Excludes ?? [], entry.Forms ?? []))
                {
                    Error(f, id, problem);
                }

                result.Add(new EvidenceStatement
                {
                    Id = id,
                    ConditionId = content.Condition,
                    TherapyId = entry.Therapy ?? "",
                    Grade = grade,
                    Line = entry.Line,
                    Quality = quality,
                    Nnt = BuildNumberNeeded(f, id, entry.Nnt, "nnt"),
                    Nnh = BuildNumberNeeded(f, id, entry.Nnh, "nnh"),
                    Summary = entry.Summary ?? "",
                    SourceId = entry.Source ?? "",
                    NotFor = [.. entry.NotFor ?? []],
                    Members = [.. entry.Members ?? []],
                    Excludes = [.. entry.Excludes ?? []],
                    Forms = [.. entry.Forms ?? []],
                    Usage = usage,
                });
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
        if (source is not null)
        {
            EntryChecks.Known(_errors, file, id, "source", source, _sourceIds.Contains(source), KnowledgeLoader.SourcesFile);
        }
    }

    private void Require(string file, string id, string? value, string field) => EntryChecks.Require(_errors, file, id, value, field);

    private T Invalid<T>(string file, string id, string reason, T fallback)
    {
        Error(file, id, reason);
        return fallback;
    }

    private void Error(string file, string entry, string reason) => _errors.Add(new KnowledgeError(file, entry, reason));
}
