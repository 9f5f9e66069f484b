using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Relief.Core.Knowledge.Loading;

/// <summary>The parsed, not yet validated, content of a knowledge directory.</summary>
internal sealed record KnowledgeFileSet
{
    public required ManifestFile? Manifest { get; init; }

    public required SourcesFile? Sources { get; init; }

    public required ConditionsFile? Conditions { get; init; }

    public required DrugsFile? Drugs { get; init; }

    public required DrugsFile? OtherIngredients { get; init; }

    public required ProductsFile? Products { get; init; }

    public required TherapiesFile? Therapies { get; init; }

    public required ImmutableArray<(string File, EvidenceFile Content)> Evidence { get; init; }

    public required SafetyFileSet? Safety { get; init; }

    // Written even when null (no opioids/ folder): the snapshot omits other nulls, and a required member must be there.
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required OpioidFileSet? Opioids { get; init; }
}
