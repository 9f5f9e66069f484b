using System.Text;
using Relief.Bulk.Synthesis;
using Relief.Core.Assessment;
using Relief.Core.Knowledge;
using Relief.Fhir.Reading;
using Xunit.Abstractions;

namespace Relief.Bulk.Tests.Synthesis;

/// <summary>
/// The engine, run over every patient of a generated cohort through the FHIR reader and the Assessor, must
/// report exactly the findings the generator planted (truth.ndjson), in the families the truth covers:
/// cautions, interactions, dose rules, monitoring and response. Precision and recall are printed per rule.
/// </summary>
public sealed class GroundTruthTests(ITestOutputHelper output)
{
    [Fact]
    public void Engine_finds_exactly_the_planted_findings_in_an_enriched_cohort()
    {
        var tally = CompareWithTruth(CohortMix.Enriched, 3000, 11);

        // The cohort must actually exercise the dangerous patterns, or the comparison proves little.
        string[] mustOccur =
        [
            "interaction:opioid-benzodiazepine", "interaction:opioid-gabapentinoid", "interaction:tramadol-serotonergic-antidepressant",
            "interaction:thiopurine-allopurinol", "interaction:methotrexate-nsaid", "interaction:nsaid-corticosteroid",
            "interaction:beers-cns-active-3", "caution:beers-anticholinergic-antidepressants", "dose:methotrexate-weekly", "dose:opioid-mme-90",
            "monitoring:methotrexate/schedule/alt:overdue", "monitoring:bsr-2017-dmard/alt-gt-100:threshold-breached",
            "response:duloxetine:continue", "response:gabapentin:reconsider", "response:amitriptyline:stop", "response:duloxetine:too-early",
        ];
        Assert.All(mustOccur, key => Assert.True(tally.TryGetValue(key, out var t) && t.Tp > 0, $"{key} never occurs in the cohort"));
    }

    [Fact]
    public void Engine_finds_exactly_the_planted_findings_in_a_realistic_cohort()
    {
        var tally = CompareWithTruth(CohortMix.Realistic, 6000, 5);
        Assert.True(tally.Count >= 10, $"a realistic cohort of 6000 should hold at least 10 kinds of finding, found {tally.Count}");
    }

    private SortedDictionary<string, (int Tp, int Fp, int Fn)> CompareWithTruth(CohortMix mix, int patients, ulong seed)
    {
        var directory = SynthKit.TempDirectory("truth");
        SynthKit.Generate(directory, patients, seed, mix);
        var truth = SynthKit.Truth(directory);
        var resources = SynthKit.ByPatient(directory);
        var assessor = new Assessor(SynthKit.Knowledge);

        var tally = new SortedDictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        var mismatches = new List<string>();
        foreach (var (patient, (expected, scenarios)) in truth)
        {
            var read = PatientRecordReader.FromResources(resources[patient]);
            Assert.True(read.Record is not null, $"{patient}: {read.Error?.Message}");
            var found = FindingKeys.Of(assessor.Assess(read.Record!, SynthOptions.DefaultAsOf)).ToHashSet(StringComparer.Ordinal);
            foreach (var key in expected.Union(found))
            {
                var (tp, fp, fn) = tally.GetValueOrDefault(key);
                tally[key] = (expected.Contains(key), found.Contains(key)) switch
                {
                    (true, true) => (tp + 1, fp, fn),
                    (false, true) => (tp, fp + 1, fn),
                    _ => (tp, fp, fn + 1),
                };
            }

            if (!expected.SetEquals(found))
            {
                mismatches.Add($"{patient} [{string.Join(", ", scenarios)}]: missed {string.Join(", ", expected.Except(found))}; unexpected {string.Join(", ", found.Except(expected))}");
            }
        }

        var table = new StringBuilder("rule | true pos | false pos | false neg | precision | recall\n");
        foreach (var (key, (tp, fp, fn)) in tally)
        {
            table.AppendLine($"{key} | {tp} | {fp} | {fn} | {Ratio(tp, tp + fp)} | {Ratio(tp, tp + fn)}");
        }

        output.WriteLine(table.ToString());
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} patients differ from the truth:\n{string.Join("\n", mismatches.Take(25))}\n\n{table}");
        Directory.Delete(directory, recursive: true);
        return tally;
    }

    private static string Ratio(int a, int b) => b == 0 ? "-" : $"{(double)a / b:0.000}";
}
