using YamlDotNet.Serialization;

namespace Relief.Core.Knowledge.Loading;

// The YAML shapes of knowledge/opioids/ (docs/knowledge-format-opioids.md). Mutable DTOs because YamlDotNet
// fills them; OpioidValidator checks them and builds the immutable model.
#pragma warning disable CA1002, CA2227 // DTOs: YamlDotNet needs settable lists.

internal sealed class OpioidGuidelineFile
{
    public string? Source { get; set; }

    public List<OpioidRecommendationEntry>? Recommendations { get; set; }

    public Dictionary<string, OpioidWindowEntry>? Windows { get; set; }

    public List<OpioidExclusionEntry>? Exclusions { get; set; }

    public List<OpioidRuleEntry>? Rules { get; set; }
}

internal sealed class OpioidRecommendationEntry : SafetyEntry
{
    public int? Number { get; set; }

    public string? Topic { get; set; }

    public string? Statement { get; set; }

    public string? Category { get; set; }

    [YamlMember(Alias = "evidence-type")]
    public int? EvidenceType { get; set; }
}

internal sealed class OpioidWindowEntry : SourcedEntry
{
    public decimal? Value { get; set; }
}

internal sealed class OpioidExclusionEntry : SourcedEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<string>? Conditions { get; set; }

    public List<string>? Procedures { get; set; }

    public List<string>? Observations { get; set; }

    public List<string>? EncounterDispositions { get; set; }

    public List<string>? EncounterTypes { get; set; }

    public List<string>? ServiceRequests { get; set; }

    public List<string>? EncounterDiagnoses { get; set; }

    public int? MinEncounters { get; set; }

    public int? LookbackDays { get; set; }

    public int? LookbackMonths { get; set; }
}

internal sealed class OpioidRuleEntry : SourcedEntry
{
    public string? Id { get; set; }

    public int? Recommendation { get; set; }

    public string? Severity { get; set; }

    public string? Title { get; set; }

    public string? Why { get; set; }

    public string? Action { get; set; }

    public List<ProposalEntry>? Proposals { get; set; }
}

internal sealed class ProposalEntry : SourcedEntry
{
    [YamlMember(Alias = "resource-type")]
    public string? ResourceType { get; set; }

    public string? System { get; set; }

    public string? Code { get; set; }

    public string? Display { get; set; }
}

internal sealed class OpioidSubstancesFile
{
    public List<MedicationGroupEntry>? Medications { get; set; }

    [YamlMember(Alias = "result-text")]
    public ResultTextEntry? ResultText { get; set; }

    [YamlMember(Alias = "urine-test-value-sets")]
    public List<string>? UrineTestValueSets { get; set; }

    [YamlMember(Alias = "urine-screens")]
    public List<UrineScreenEntry>? UrineScreens { get; set; }
}

internal sealed class ResultTextEntry : SourcedEntry
{
    public List<string>? Positive { get; set; }

    public List<string>? Negative { get; set; }

    [YamlMember(Alias = "positive-interpretations")]
    public List<SafetyCodeEntry>? PositiveInterpretations { get; set; }

    [YamlMember(Alias = "negative-interpretations")]
    public List<SafetyCodeEntry>? NegativeInterpretations { get; set; }
}

internal sealed class MedicationGroupEntry : SourcedEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    [YamlMember(Alias = "value-sets")]
    public List<string>? ValueSets { get; set; }

    [YamlMember(Alias = "drug-classes")]
    public List<string>? DrugClasses { get; set; }

    public List<string>? Drugs { get; set; }

    [YamlMember(Alias = "name-markers")]
    public List<string>? NameMarkers { get; set; }

    [YamlMember(Alias = "single-ingredient")]
    public bool SingleIngredient { get; set; }
}

internal sealed class UrineScreenEntry : SourcedEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    [YamlMember(Alias = "value-sets")]
    public List<string>? ValueSets { get; set; }

    public string? Kind { get; set; }

    [YamlMember(Alias = "explained-by")]
    public List<string>? ExplainedBy { get; set; }
}

internal sealed class ValueSetFile
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Url { get; set; }

    public string? Source { get; set; }

    public string? Commit { get; set; }

    public string? Path { get; set; }

    public Dictionary<string, List<string>>? Codes { get; set; }
}

internal sealed class ValueSetAdditionsFile
{
    public List<ValueSetAdditionEntry>? Additions { get; set; }
}

internal sealed class ValueSetAdditionEntry : SourcedEntry
{
    [YamlMember(Alias = "value-set")]
    public string? ValueSet { get; set; }

    public string? System { get; set; }

    public string? Code { get; set; }

    public string? Display { get; set; }
}

/// <summary>The parsed files of knowledge/opioids/, or null when the folder is absent.</summary>
internal sealed record OpioidFileSet(
    OpioidGuidelineFile Guideline,
    OpioidSubstancesFile Substances,
    ValueSetAdditionsFile? Additions,
    IReadOnlyList<(string File, ValueSetFile Content)> ValueSets);
