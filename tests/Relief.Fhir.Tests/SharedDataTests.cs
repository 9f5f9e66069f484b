using System.Text.Json;
using Relief.Fhir.Reading;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

/// <summary>
/// Every JSON file in the team's shared data (written by others, shaped by nobody here) is read or
/// refused with the right error. The expectation for each file comes from what the data's README and
/// SOURCE files say it is, not from the reader.
/// </summary>
public class SharedDataTests
{
    private static readonly string[] CategoryObjectBundles =
    [
        "cds4cpm-bundles/UFLPatients/AlphaDeltaBundle.json", "cds4cpm-bundles/UFLPatients/ZachBakerbundle.json",
        "cds4cpm-bundles/UFLPatients/benufldevelopbundle.json", "cds4cpm-bundles/UFLPatients/noObs1ufldevelopbundle.json",
        "cds4cpm-bundles/UFLPatients/noObs2ufldevelopbundle.json", "cds4cpm-bundles/UFLPatients/noObs3ufldevelopbundle.json",
        "cds4cpm-bundles/UFLPatients/noUDSnoMyPainDevelopbundle.json", "cds4cpm-bundles/sharonDecisionCompleteBundle.json",
    ];

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.SharedData, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.SharedData, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Shared_file_is_read_or_refused_with_the_right_message(string file)
    {
        var path = Path.Combine(RepositoryPaths.SharedData, file);
        var result = FhirBundleReader.ReadFile(path);
        var folder = file[..file.IndexOf('/')];
        var name = Path.GetFileName(file);
        switch (folder)
        {
            case "synthea-r4" when name == "INDEX.json":
                Assert.Equal(new FhirReadError(FhirReadErrorKind.NotAnObject, "expected a FHIR Bundle (a JSON object), found an array"), result.Error);
                break;
            case "synthea-r4":
                // Clean R4: no warning, so every urn:uuid subject resolved to the bundle's patient.
                Assert.True(result.Succeeded, result.Error?.Message);
                Assert.Empty(result.Warnings);
                Assert.NotNull(result.Record.BirthDate);
                Assert.NotEqual(Relief.Core.Patients.AdministrativeSex.Unknown, result.Record.Sex);
                Assert.NotEmpty(result.Record.Observations);
                Assert.All(result.Record.Conditions, c => Assert.NotEmpty(c.Concept.Codes));
                Assert.All(result.Record.Medications, m => Assert.NotEmpty(m.Medication.Codes));
                break;
            case "pain-summary-patients" when name != "brenda_jackson.json":
                Assert.Equal(FhirReadErrorKind.UnsupportedVersion, result.Error?.Kind);
                Assert.StartsWith("unsupported FHIR version: this looks like DSTU2 (MedicationOrder is a DSTU2 resource type; ", result.Error!.Message);
                Assert.EndsWith("); Relief reads FHIR R4", result.Error.Message);
                break;
            case "pain-summary-patients" or "cds4cpm-bundles" when name == "mypain-questionnaire.json":
                Assert.Equal(new FhirReadError(FhirReadErrorKind.NotABundle, "expected a FHIR Bundle, found Questionnaire"), result.Error);
                break;
            case "cds4cpm-bundles" when name == "donnie_marks.json":
                // A lone Bundle entry ({ resource, request }), not a bundle.
                Assert.Equal(new FhirReadError(FhirReadErrorKind.NotABundle, "expected a FHIR Bundle, found a JSON object without resourceType"), result.Error);
                break;
            case "pain-summary-patients" or "cds4cpm-bundles":
                Assert.True(result.Succeeded, result.Error?.Message);
                string[] expected = file switch
                {
                    _ when CategoryObjectBundles.Contains(file) => ["category should be an array (FHIR R4); read as one element"],
                    "cds4cpm-bundles/sharon_decision.json" => ["code is missing (FHIR R4 requires it); the observation is uncoded"],
                    "cds4cpm-bundles/mr_golf_bundle.json" => ["interpretation should be an array (FHIR R4); read as one element"],
                    _ => [],
                };
                Assert.Equal(expected, result.Warnings.Select(w => w.Message).Distinct());
                break;
            case "cds-hooks-requests" when file.StartsWith("cds-hooks-requests/responses/", StringComparison.Ordinal):
                Assert.Equal(
                    new FileInfo(path).Length == 0
                        ? new FhirReadError(FhirReadErrorKind.Empty, "the input is empty: expected a FHIR R4 Bundle in JSON")
                        : new FhirReadError(FhirReadErrorKind.NotABundle, "expected a FHIR Bundle, found a JSON object without resourceType"),
                    result.Error);
                break;
            case "cds-hooks-requests" when IsOneJsonDocument(path):
                Assert.Equal(FhirReadErrorKind.NotABundle, result.Error?.Kind);
                Assert.StartsWith("expected a FHIR Bundle, found a CDS Hooks request (", result.Error!.Message);
                break;
            case "cds-hooks-requests":
                Assert.Equal(FhirReadErrorKind.TrailingContent, result.Error?.Kind);
                Assert.Matches("^trailing content after the JSON document at line [0-9]+, byte [0-9]+: \".+\"; the input must hold exactly one JSON value$", result.Error!.Message);
                break;
            default:
                Assert.Fail($"no expectation for {file}: a new folder in shared/data needs one here");
                break;
        }
    }

    [Fact]
    public void Sixty_two_cds_hooks_requests_have_trailing_content()
    {
        var requests = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.SharedData, "cds-hooks-requests", "requests"), "*.json", SearchOption.AllDirectories);
        Assert.Equal(62, requests.Count(f => FhirBundleReader.ReadFile(f).Error?.Kind == FhirReadErrorKind.TrailingContent));
    }

    [Fact]
    public void Eight_dstu2_pain_summary_patients_are_refused()
    {
        var patients = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.SharedData, "pain-summary-patients"), "*.json");
        Assert.Equal(8, patients.Count(f => FhirBundleReader.ReadFile(f).Error?.Kind == FhirReadErrorKind.UnsupportedVersion));
    }

    [Fact]
    public void Every_synthea_bundle_is_read()
    {
        var bundles = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.SharedData, "synthea-r4"), "*_*.json");
        Assert.Equal(16, bundles.Count(f => FhirBundleReader.ReadFile(f).Succeeded));
    }

    private static bool IsOneJsonDocument(string path)
    {
        try
        {
            using var _ = JsonDocument.Parse(File.ReadAllBytes(path));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
