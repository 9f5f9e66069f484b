using Relief.Cli.Tests.Infrastructure;
using Relief.Core.Assessment;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;
using Relief.Fhir.Reading;

namespace Relief.Cli.Tests;

/// <summary>Real records name products: every medication in the shared real-world bundles maps to its ingredients.</summary>
[Trait(Requires.Key, Requires.SharedData)]
public class ProductMappingTests
{
    private static readonly Lazy<KnowledgeBase> Knowledge = new(() =>
        KnowledgeLoader.Load(RepositoryPaths.Knowledge).Knowledge ?? throw new InvalidOperationException("knowledge invalid"));

    public static TheoryData<string> SyntheaBundles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.SharedData, "synthea-r4"), "*.json").Order(StringComparer.Ordinal))
        {
            if (!file.EndsWith("INDEX.json", StringComparison.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SyntheaBundles))]
    public void Every_medication_in_a_synthea_bundle_maps_to_its_ingredients(string file)
    {
        var read = FhirBundleReader.ReadFile(Path.Combine(RepositoryPaths.SharedData, "synthea-r4", file));
        Assert.True(read.Succeeded, read.Error?.Message);

        var unmapped = read.Record!.Medications
            .Where(m => MedicationResolver.Resolve(m.Medication, Knowledge.Value).IsEmpty)
            .Select(m => $"{m.ResourceId}: {m.Medication}")
            .ToList();

        Assert.True(unmapped.Count == 0, "unmapped: " + string.Join("; ", unmapped));
    }

    [Fact]
    public void Combination_products_in_real_records_map_to_every_ingredient()
    {
        var all = Directory.GetFiles(Path.Combine(RepositoryPaths.SharedData, "synthea-r4"), "*_*.json")
            .Select(f => FhirBundleReader.ReadFile(f).Record!)
            .SelectMany(r => r.Medications)
            .Select(m => (Codes: m.Medication.Codes.Select(c => c.Value).ToHashSet(), Ingredients: MedicationResolver.Resolve(m.Medication, Knowledge.Value)))
            .ToList();

        Assert.True(all.Count > 100, $"only {all.Count} medications read from the Synthea bundles");
        var oxycodoneCombination = all.First(m => m.Codes.Contains("1049221"));
        Assert.Equal(["acetaminophen", "oxycodone"], oxycodoneCombination.Ingredients.Select(i => i.DrugId).Order());
        var hydrocodoneCombination = all.First(m => m.Codes.Contains("1310197") || m.Codes.Contains("856980"));
        Assert.Equal(["acetaminophen", "hydrocodone"], hydrocodoneCombination.Ingredients.Select(i => i.DrugId).Order());
    }

    [Fact]
    public void Products_missing_from_the_table_fall_back_to_their_names_in_real_records()
    {
        // 406022 "Fluoxetine 25MG" is not an RxNorm product anyone could confirm (docs/knowledge-review-products.md);
        // its name still says fluoxetine, which serotonergic checks need.
        var fluoxetine = Directory.GetFiles(Path.Combine(RepositoryPaths.SharedData, "synthea-r4"), "*_*.json")
            .Select(f => FhirBundleReader.ReadFile(f).Record!)
            .SelectMany(r => r.Medications)
            .First(m => m.Medication.Codes.Any(c => c.Value == "406022"));

        var ingredient = Assert.Single(MedicationResolver.Resolve(fluoxetine.Medication, Knowledge.Value));
        Assert.Equal("fluoxetine", ingredient.DrugId);
        Assert.Equal(IngredientResolution.ProductName, ingredient.ResolvedBy);
    }
}
