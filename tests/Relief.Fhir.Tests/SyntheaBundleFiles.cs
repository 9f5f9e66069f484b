namespace Relief.Fhir.Tests;

/// <summary>The Synthea bundles of ../shared/data/synthea-r4 (file names, in order) as theory data.</summary>
internal static class SyntheaBundleFiles
{
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.SharedData, "synthea-r4"), "*_*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }
}
