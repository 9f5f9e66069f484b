using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Relief.Bulk.Screening;
using Relief.Bulk.Synthesis;
using Relief.Bulk.Tests.Support;
using Relief.Bulk.Tests.Synthesis;
using Relief.Core.Assessment;
using Relief.Core.Patients;
using Relief.Fhir.Reading;

namespace Relief.Bulk.Tests;

/// <summary>
/// The screen assesses with <see cref="Assessor.AssessFindings"/>, which skips the evidence review; it must give
/// exactly the findings (every column of every row, in order) and the age of a full <see cref="Assessor.Assess"/>,
/// for a generated cohort and for every sample — as recorded, after death and with a birth date in the future.
/// </summary>
public sealed class FindingsOnlyTests
{
    private static readonly LocalDate AsOf = SynthOptions.DefaultAsOf;

    [Fact]
    public void Findings_only_equals_the_full_assessment_on_an_enriched_cohort()
    {
        var directory = SynthKit.TempDirectory("findings-only");
        try
        {
            SynthKit.Generate(directory, 1500, 23, CohortMix.Enriched);
            var assessor = new Assessor(SynthKit.Knowledge);
            var withFindings = 0;
            foreach (var (id, resources) in SynthKit.ByPatient(directory))
            {
                var record = PatientRecordReader.FromResources(resources, id).Record!;
                withFindings += AssertSame(assessor, record, id) > 0 ? 1 : 0;
            }

            Assert.True(withFindings > 300, $"the enriched cohort should give many patients findings, gave {withFindings}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("deceased")]
    [InlineData("born-later")]
    public void Findings_only_equals_the_full_assessment_on_every_sample(string? variant)
    {
        var assessor = new Assessor(SynthKit.Knowledge);
        var total = 0;
        foreach (var file in RepositoryPaths.SampleBundles)
        {
            var bundle = JsonNode.Parse(File.ReadAllBytes(file))!;
            foreach (var entry in bundle["entry"]!.AsArray())
            {
                if (entry!["resource"]!["resourceType"]!.GetValue<string>() == "Patient")
                {
                    var patient = entry["resource"]!.AsObject();
                    if (variant == "deceased")
                    {
                        patient.Remove("deceasedBoolean");
                        patient["deceasedDateTime"] = "2025-06-01";
                    }
                    else if (variant == "born-later")
                    {
                        patient["birthDate"] = "2030-01-01";
                    }
                }
            }

            var read = FhirBundleReader.Read(Encoding.UTF8.GetBytes(bundle.ToJsonString()));
            total += AssertSame(assessor, read.Record!, Path.GetFileName(file));
        }

        Assert.True(total > 0, "the samples should give findings");
    }

    private static int AssertSame(Assessor assessor, PatientRecord record, string name)
    {
        var full = assessor.Assess(record, AsOf);
        var fast = assessor.AssessFindings(record, AsOf);
        Assert.Equal(full.Age, fast.Age);
        Assert.True(
            full.Findings.Select(f => FindingRow.From(name, f)).SequenceEqual(fast.Findings.Select(f => FindingRow.From(name, f))),
            $"{name}: findings differ");
        return full.Findings.Length;
    }
}
