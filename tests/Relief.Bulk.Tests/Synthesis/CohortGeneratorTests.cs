using System.Text.Json;
using Relief.Bulk.Synthesis;
using Relief.Core.Codes;

namespace Relief.Bulk.Tests.Synthesis;

/// <summary>The export itself: deterministic bytes, a manifest that matches the files, real codes, and the stated prevalence.</summary>
public sealed class CohortGeneratorTests
{
    private static readonly string[] ExportFiles = ["Patient.ndjson", "Condition.ndjson", "MedicationRequest.ndjson", "Observation.ndjson", "manifest.json", "truth.ndjson"];

    [Fact]
    public void Same_seed_gives_byte_identical_output_whatever_the_thread_count()
    {
        var one = SynthKit.TempDirectory("det1");
        var four = SynthKit.TempDirectory("det4");
        // 5000 patients span two generation blocks, so block boundaries are covered too.
        SynthKit.Generate(one, 5000, 3, CohortMix.Realistic, threads: 1);
        SynthKit.Generate(four, 5000, 3, CohortMix.Realistic, threads: 4);
        foreach (var file in ExportFiles)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(one, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(four, file))), $"{file} differs between 1 and 4 threads");
        }
    }

    [Fact]
    public void Another_seed_gives_another_cohort()
    {
        var a = SynthKit.TempDirectory("seedA");
        var b = SynthKit.TempDirectory("seedB");
        SynthKit.Generate(a, 500, 1, CohortMix.Enriched);
        SynthKit.Generate(b, 500, 2, CohortMix.Enriched);
        Assert.NotEqual(File.ReadAllText(Path.Combine(a, "truth.ndjson")), File.ReadAllText(Path.Combine(b, "truth.ndjson")));
    }

    [Fact]
    public void Manifest_lists_every_file_with_its_resource_type_and_line_count()
    {
        var directory = SynthKit.TempDirectory("manifest");
        SynthKit.Generate(directory, 800, 9, CohortMix.Enriched);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, CohortGenerator.ManifestFile)));
        Assert.Equal("2026-11-21T00:00:00Z", manifest.RootElement.GetProperty("transactionTime").GetString());
        Assert.False(manifest.RootElement.GetProperty("requiresAccessToken").GetBoolean());
        var outputs = manifest.RootElement.GetProperty("output").EnumerateArray().ToList();
        Assert.Equal(4, outputs.Count);
        foreach (var output in outputs)
        {
            var type = output.GetProperty("type").GetString()!;
            var lines = File.ReadAllLines(Path.Combine(directory, output.GetProperty("url").GetString()!));
            Assert.Equal(output.GetProperty("count").GetInt64(), lines.Length);
            Assert.All(lines, line => Assert.Equal(type, JsonDocument.Parse(line).RootElement.GetProperty("resourceType").GetString()));
        }

        Assert.Equal(800, File.ReadAllLines(Path.Combine(directory, "Patient.ndjson")).Length);
        Assert.Equal(800, File.ReadAllLines(Path.Combine(directory, "truth.ndjson")).Length);
    }

    [Fact]
    public void Every_code_written_is_in_the_knowledge_base()
    {
        var directory = SynthKit.TempDirectory("codes");
        SynthKit.Generate(directory, 1500, 4, CohortMix.Enriched);
        var knowledge = SynthKit.Knowledge;
        var ingredientCodes = knowledge.Drugs.Values.Where(d => d.RxNorm is not null).Select(d => d.RxNorm!).ToHashSet(StringComparer.Ordinal);
        var loinc = knowledge.Safety.Tests.Values.SelectMany(t => t.Codes).Concat(knowledge.Safety.Instruments.SelectMany(i => i.Codes)).ToHashSet();

        var rxnorm = Codes(directory, "MedicationRequest.ndjson", "medicationCodeableConcept").ToList();
        Assert.NotEmpty(rxnorm);
        Assert.All(rxnorm, c => Assert.True(c.System == CodeSystems.RxNorm && (knowledge.Products.ContainsKey(c.Value) || ingredientCodes.Contains(c.Value)), $"{c} is not in products.yaml or drugs.yaml"));
        // Product-level codes: only allopurinol, which has no product in products.yaml, is given by its ingredient code.
        Assert.All(rxnorm.Where(c => !knowledge.Products.ContainsKey(c.Value)), c => Assert.Equal(knowledge.Drugs["allopurinol"].RxNorm, c.Value));

        var observations = Codes(directory, "Observation.ndjson", "code").ToList();
        Assert.All(observations, c => Assert.Contains(c, loinc));
        Assert.Contains(new Code(CodeSystems.Loinc, "72514-3"), observations);

        var conditions = Codes(directory, "Condition.ndjson", "code").ToList();
        Assert.All(conditions, c => Assert.True(knowledge.ConditionsByCode.ContainsKey(c), $"{c} is not a condition code in conditions.yaml"));
    }

    [Fact]
    public void Realistic_cohort_has_the_stated_prevalence()
    {
        const int patients = 20000;
        var directory = SynthKit.TempDirectory("prevalence");
        SynthKit.Generate(directory, patients, 8, CohortMix.Realistic);
        var byCondition = Codes(directory, "Condition.ndjson", "code").GroupBy(c => SynthKit.Knowledge.ConditionsByCode[c][0].Condition.Id).ToDictionary(g => g.Key, g => g.Count());
        foreach (var rate in Prevalence.Conditions.Where(r => r.MinAge == 0 && r.Overall >= 0.01))
        {
            // Within four binomial standard deviations of the stated rate.
            var expected = rate.Overall * patients;
            var tolerance = 4 * Math.Sqrt(patients * rate.Overall * (1 - rate.Overall));
            var actual = byCondition.GetValueOrDefault(rate.ConditionId);
            Assert.True(Math.Abs(actual - expected) <= tolerance, $"{rate.ConditionId}: {actual} patients, expected {expected:0} +/- {tolerance:0}");
        }
    }

    private static IEnumerable<Code> Codes(string directory, string file, string property) =>
        File.ReadLines(Path.Combine(directory, file))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty(property).GetProperty("coding")[0])
            .Select(c => new Code(c.GetProperty("system").GetString()!, c.GetProperty("code").GetString()!));
}
