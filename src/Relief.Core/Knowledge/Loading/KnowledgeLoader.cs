using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// Reads the knowledge directory, validates it and builds the <see cref="KnowledgeBase"/>.
/// Every problem is collected (not just the first), so an author fixes a file in one pass.
/// </summary>
public static class KnowledgeLoader
{
    public const string ManifestFile = "manifest.yaml";
    public const string SourcesFile = "sources.yaml";
    public const string ConditionsFile = "conditions.yaml";
    public const string DrugsFile = "drugs.yaml";

    /// <summary>Ingredients of recorded products that are outside the clinical content (statins, antibiotics...).</summary>
    public const string OtherIngredientsFile = "other-ingredients.yaml";
    public const string ProductsFile = "products.yaml";
    public const string TherapiesFile = "therapies.yaml";
    public const string EvidenceFolder = "evidence";

    // The safety layer (docs/knowledge-format-safety.md). Always required: a knowledge base that silently
    // lacked its safety rules would assess patients as if nothing were unsafe.
    public const string SafetyFactorsFile = "safety/factors.yaml";
    public const string SafetyGroupsFile = "safety/groups.yaml";
    public const string SafetyCautionsFile = "safety/cautions.yaml";
    public const string SafetyInteractionsFile = "safety/interactions.yaml";
    public const string SafetyVaccinesFile = "safety/vaccines.yaml";
    public const string SafetyDosesFile = "safety/doses.yaml";
    public const string MonitoringFile = "monitoring.yaml";
    public const string UnitsFile = "units.yaml";
    public const string ResponseFile = "response.yaml";

    /// <summary>Numbers Relief chose where no source gives one (look-back windows, grace periods).</summary>
    public const string ConventionsFile = "conventions.yaml";

    // The CDC 2022 opioid guideline (docs/knowledge-format-opioids.md). Optional as a folder: without it the
    // opioid review is off; with it, every file must be present and valid.
    public const string OpioidFolder = "opioids";
    public const string OpioidGuidelineFile = "opioids/guideline.yaml";
    public const string OpioidSubstancesFile = "opioids/substances.yaml";
    public const string OpioidAdditionsFile = "opioids/value-set-additions.yaml";
    public const string OpioidValueSetFolder = "opioids/value-sets";

    // Unknown fields are errors: a misspelt field must not silently drop a fact. The static builder uses the
    // source-generated context (no reflection), which keeps start-up fast and the CLI Native AOT clean.
    private static readonly IDeserializer Yaml = new StaticDeserializerBuilder(new KnowledgeYamlContext())
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    /// <summary>
    /// Loads the knowledge base: from the compiled snapshot when it was made from exactly these files
    /// (<see cref="KnowledgeSnapshot"/>), else from the YAML. Either way the validator builds the model.
    /// </summary>
    public static KnowledgeLoadResult Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return KnowledgeLoadResult.Failed(new KnowledgeError(directory, "(directory)", KnowledgeMessages.DirectoryNotFound));
        }

        return KnowledgeSnapshot.TryRead(directory) is { } files
            ? KnowledgeValidator.Build(files) with { FromSnapshot = true }
            : ReadAndBuild(directory).Result;
    }

    /// <summary>Loads from the YAML files alone, ignoring any snapshot: what `relief kb validate` checks.</summary>
    public static KnowledgeLoadResult LoadYaml(string directory) =>
        Directory.Exists(directory)
            ? ReadAndBuild(directory).Result
            : KnowledgeLoadResult.Failed(new KnowledgeError(directory, "(directory)", KnowledgeMessages.DirectoryNotFound));

    /// <summary>Parses the YAML and builds the model; the parsed files are null when a file could not be read.</summary>
    internal static (KnowledgeFileSet? Files, KnowledgeLoadResult Result) ReadAndBuild(string directory)
    {
        var errors = new List<KnowledgeError>();
        var files = new KnowledgeFileSet
        {
            Manifest = Read<ManifestFile>(directory, ManifestFile, errors),
            Sources = Read<SourcesFile>(directory, SourcesFile, errors),
            Conditions = Read<ConditionsFile>(directory, ConditionsFile, errors),
            Drugs = Read<DrugsFile>(directory, DrugsFile, errors),
            OtherIngredients = Read<DrugsFile>(directory, OtherIngredientsFile, errors),
            Products = Read<ProductsFile>(directory, ProductsFile, errors),
            Therapies = Read<TherapiesFile>(directory, TherapiesFile, errors),
            Evidence = ReadEvidence(directory, errors),
            Safety = ReadSafety(directory, errors),
            Opioids = ReadOpioids(directory, errors),
        };

        return errors.Count > 0 ? (null, KnowledgeLoadResult.Failed([.. errors])) : (files, KnowledgeValidator.Build(files));
    }

    private static SafetyFileSet? ReadSafety(string directory, List<KnowledgeError> errors)
    {
        var factors = Read<FactorsFile>(directory, SafetyFactorsFile, errors);
        var groups = Read<GroupsFile>(directory, SafetyGroupsFile, errors);
        var cautions = Read<CautionsFile>(directory, SafetyCautionsFile, errors);
        var interactions = Read<InteractionsFile>(directory, SafetyInteractionsFile, errors);
        var vaccines = Read<VaccinesFile>(directory, SafetyVaccinesFile, errors);
        var doses = Read<DosesFile>(directory, SafetyDosesFile, errors);
        var monitoring = Read<MonitoringFile>(directory, MonitoringFile, errors);
        var units = Read<UnitsFile>(directory, UnitsFile, errors);
        var response = Read<ResponseFile>(directory, ResponseFile, errors);
        var conventions = Read<ConventionsFile>(directory, ConventionsFile, errors);
        return factors is null || groups is null || cautions is null || interactions is null || vaccines is null || doses is null
               || monitoring is null || units is null || response is null || conventions is null
            ? null
            : new SafetyFileSet
            {
                Factors = factors,
                Groups = groups,
                Cautions = cautions,
                Interactions = interactions,
                Vaccines = vaccines,
                Doses = doses,
                Monitoring = monitoring,
                Units = units,
                Response = response,
                Conventions = conventions,
            };
    }

    private static OpioidFileSet? ReadOpioids(string directory, List<KnowledgeError> errors)
    {
        if (!Directory.Exists(Path.Combine(directory, OpioidFolder)))
        {
            return null;
        }

        var guideline = Read<OpioidGuidelineFile>(directory, OpioidGuidelineFile, errors);
        var substances = Read<OpioidSubstancesFile>(directory, OpioidSubstancesFile, errors);
        var additions = File.Exists(Path.Combine(directory, OpioidAdditionsFile)) ? Read<ValueSetAdditionsFile>(directory, OpioidAdditionsFile, errors) : null;
        var folder = Path.Combine(directory, OpioidValueSetFolder);
        var valueSets = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.yaml")
                .Order(StringComparer.Ordinal)
                .Select(path => $"{OpioidValueSetFolder}/{Path.GetFileName(path)}")
                .Select(file => (File: file, Content: Read<ValueSetFile>(directory, file, errors)))
                .Where(x => x.Content is not null)
                .Select(x => (x.File, x.Content!))
                .ToList()
            : [];
        return guideline is null || substances is null ? null : new OpioidFileSet(guideline, substances, additions, valueSets);
    }

    private static ImmutableArray<(string File, EvidenceFile Content)> ReadEvidence(string directory, List<KnowledgeError> errors)
    {
        var folder = Path.Combine(directory, EvidenceFolder);
        if (!Directory.Exists(folder))
        {
            errors.Add(new KnowledgeError(EvidenceFolder, "(folder)", KnowledgeMessages.FolderNotFound));
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => (File: $"{EvidenceFolder}/{Path.GetFileName(path)}", Content: Read<EvidenceFile>(directory, $"{EvidenceFolder}/{Path.GetFileName(path)}", errors)))
            .Where(x => x.Content is not null)
            .Select(x => (x.File, x.Content!))
            .ToImmutableArray();
    }

    private static T? Read<T>(string directory, string relativePath, List<KnowledgeError> errors)
        where T : class
    {
        var path = Path.Combine(directory, relativePath);
        if (!File.Exists(path))
        {
            errors.Add(new KnowledgeError(relativePath, "(file)", KnowledgeMessages.FileNotFound));
            return null;
        }

        try
        {
            using var reader = File.OpenText(path);
            var content = Yaml.Deserialize<T>(reader);
            if (content is null)
            {
                errors.Add(new KnowledgeError(relativePath, "(file)", KnowledgeMessages.FileEmpty));
            }

            return content;
        }
        catch (YamlException e)
        {
            // YamlDotNet nests the useful message (e.g. "Property 'grde' not found") in inner exceptions.
            var reason = e.InnerException?.Message ?? e.Message;
            errors.Add(new KnowledgeError(relativePath, $"line {e.Start.Line}, column {e.Start.Column}", reason));
            return null;
        }
    }
}

/// <summary>Either a knowledge base or the list of everything wrong with the files.</summary>
public sealed record KnowledgeLoadResult(KnowledgeBase? Knowledge, ImmutableArray<KnowledgeError> Errors)
{
    public bool Succeeded => Knowledge is not null;

    /// <summary>Whether the files came from the compiled snapshot rather than the YAML (the model is the same).</summary>
    public bool FromSnapshot { get; init; }

    internal static KnowledgeLoadResult Failed(params KnowledgeError[] errors) => new(null, [.. errors]);
}
