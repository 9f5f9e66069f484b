using System.Text.Json.Nodes;
using NodaTime;
using Relief.Bulk.Output;
using Relief.Bulk.Screening;
using Relief.Bulk.Tests.Support;
using Relief.Core.Assessment;
using Relief.Core.Knowledge.Loading;
using Relief.Fhir.Contract;

namespace Relief.Bulk.Tests;

/// <summary>
/// Grouping: a patient's resources, spread over one file per type (some gzipped), come together again, so each
/// patient's rows are exactly the findings `relief assess` gives for the patient's original bundle.
/// </summary>
public sealed class ScreenGroupingTests(SampleExport export) : IClassFixture<SampleExport>
{
    private static readonly Lazy<AssessmentPipeline> Pipeline = new(() =>
        new AssessmentPipeline(new Assessor(KnowledgeLoader.Load(RepositoryPaths.Knowledge).Knowledge!)));

    [Fact]
    public void Each_sample_patient_gets_the_findings_of_its_own_bundle()
    {
        var screened = RowsByPatient(export.BaselineRows);
        var expected = ExpectedRows(RepositoryPaths.SampleBundles);
        Assert.Equal(RepositoryPaths.SampleBundles.Count(), expected.Count);
        Assert.Subset(expected.Keys.ToHashSet(), screened.Keys.ToHashSet());
        foreach (var (patient, rows) in expected)
        {
            Assert.Equal(rows, screened.GetValueOrDefault(patient) ?? []);
        }

        // Some samples have findings in files other than their MedicationRequest's (a condition, a result): grouping is across files.
        Assert.True(screened.Values.Sum(r => r.Count) > 20);
    }

    [Fact]
    [Trait("Needs", "shared-data")]
    public void Synthea_patients_get_the_findings_of_their_bundles_and_their_claims_are_passed_over()
    {
        using var temp = new TempDirectory();
        var bundles = RepositoryPaths.SyntheaBundles.ToList();
        var exportDirectory = TestExport.FromBundles(bundles).Write(temp.Sub("export"), type => type.StartsWith('E') || type == "MedicationRequest");
        var run = ReliefProcess.Run("screen", exportDirectory, "--out", temp.Sub("out"), "--as-of", SampleExport.AsOf);
        Assert.True(run.ExitCode == 0, run.Error);

        var screened = RowsByPatient(Path.Combine(temp.Sub("out"), ScreenOutputs.Rows));
        foreach (var (patient, rows) in ExpectedRows(bundles))
        {
            Assert.Equal(rows, screened.GetValueOrDefault(patient) ?? []);
        }

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Sub("out"), ScreenOutputs.SummaryJson)))!;
        Assert.Equal(bundles.Count, summary["patients"]!.GetValue<long>());
        Assert.True(summary["ignored"]!["Claim"]!.GetValue<long>() > 0);
        Assert.Null(summary["resources"]!["Claim"]);
    }

    [Fact]
    public void A_medication_named_by_reference_in_another_file_is_resolved()
    {
        // The opioid + benzodiazepine + gabapentinoid sample, with each medication moved into Medication.ndjson.
        using var temp = new TempDirectory();
        var sample = Path.Combine(RepositoryPaths.Samples, "older-adult-opioid-benzo-gabapentinoid.json");
        var export = TestExport.FromBundles([sample]);
        var medications = new List<string>();
        var requests = export.LinesByType["MedicationRequest"];
        for (var i = 0; i < requests.Count; i++)
        {
            var request = JsonNode.Parse(requests[i])!.AsObject();
            var concept = request["medicationCodeableConcept"]!.DeepClone();
            request.Remove("medicationCodeableConcept");
            request["medicationReference"] = new JsonObject { ["reference"] = $"Medication/med-{i}" };
            medications.Add(new JsonObject { ["resourceType"] = "Medication", ["id"] = $"med-{i}", ["code"] = concept }.ToJsonString());
            requests[i] = request.ToJsonString();
        }

        export.LinesByType["Medication"] = medications;
        var run = ReliefProcess.Run("screen", export.Write(temp.Sub("export")), "--out", temp.Sub("out"), "--as-of", SampleExport.AsOf);
        Assert.True(run.ExitCode == 0, run.Error);

        var screened = RowsByPatient(Path.Combine(temp.Sub("out"), ScreenOutputs.Rows)).Single().Value;
        Assert.Equal(ExpectedRows([sample]).Single().Value.Select(r => r.Finding), screened.Select(r => r.Finding));
        Assert.Contains(screened, r => r.Family == "interaction" && r.Severity is "major" or "contraindicated");
    }

    private static Dictionary<string, List<FindingRow>> ExpectedRows(IEnumerable<string> bundles)
    {
        var expected = new Dictionary<string, List<FindingRow>>(StringComparer.Ordinal);
        foreach (var bundle in bundles)
        {
            var document = Pipeline.Value.AssessFile(bundle, new LocalDate(2026, 11, 21));
            var assessment = document.Assessment ?? throw new InvalidOperationException($"{bundle}: {document.Error?.Message}");
            expected[assessment.PatientId] = [.. assessment.Findings.Select(f => FindingRow.From(assessment.PatientId, f))];
        }

        return expected;
    }

    private static Dictionary<string, List<FindingRow>> RowsByPatient(string rowsFile) =>
        RowNdjson.ReadAll(rowsFile).GroupBy(r => r.Patient).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
}
