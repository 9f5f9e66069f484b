using System.Text;
using System.Text.Json;
using Relief.Bulk.Grouping;
using Relief.Bulk.Tests.Support;

namespace Relief.Bulk.Tests;

/// <summary>
/// The first pass's shortcuts against the general path: the patient id cut from a reference's UTF-8 bytes
/// (<see cref="PatientReference"/>) against <see cref="LineScanner.PatientIdOf"/> on the string, on every reference
/// of real lines and on built edge cases; and the resource type reused from the previous line (<see cref="LastType"/>)
/// when the types alternate.
/// </summary>
public sealed class FirstPassFastPathTests
{
    [Theory]
    [InlineData("Patient/p1")]
    [InlineData("https://ehr.example/fhir/Patient/p2/_history/3")]
    [InlineData("Patient/p3/_history/1")]
    [InlineData("Patient/ßü-痛み-😀")]
    [InlineData("Patient/")]
    [InlineData("Patient")]
    [InlineData("/Patient/p4")]
    [InlineData("XPatient/p5")]
    [InlineData("Group/g1")]
    [InlineData("urn:uuid:5f2b")]
    [InlineData("")]
    [InlineData("Patient/a\"b\\c")]
    [InlineData("Patient/p6/_history/")]
    public void A_built_reference_gives_what_the_string_path_gives(string reference) => AssertSameAsStringPath(reference);

    [Fact]
    public void Every_reference_in_the_sample_lines_gives_what_the_string_path_gives() =>
        AssertEveryReference(TestExport.FromBundles(RepositoryPaths.SampleBundles));

    [Fact]
    [Trait("Needs", "shared-data")]
    public void Every_reference_in_the_synthea_lines_gives_what_the_string_path_gives() =>
        AssertEveryReference(TestExport.FromBundles(RepositoryPaths.SyntheaBundles));

    [Fact]
    public void Alternating_resource_types_are_each_read_as_written()
    {
        var lines = new[] { "Condition", "Observation", "Condition", "Patient", "Encounter", "Condition" }
            .Select(type => $$$"""{"resourceType":"{{{type}}}","id":"x1","subject":{"reference":"Patient/p1"}}""")
            .ToList();

        var types = lines.Select(l => LineScanner.Scan(Encoding.UTF8.GetBytes(l), mode: ScanMode.PatientOnly).ResourceType);

        Assert.Equal(["Condition", "Observation", "Condition", "Patient", "Encounter", "Condition"], types);
    }

    private static void AssertEveryReference(TestExport export)
    {
        var references = export.LinesByType.Values.SelectMany(l => l).SelectMany(ReferencesOf).ToList();
        Assert.True(references.Count > 10);
        foreach (var reference in references)
        {
            AssertSameAsStringPath(reference);
        }
    }

    private static void AssertSameAsStringPath(string reference)
    {
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(reference));
        var reader = new Utf8JsonReader(json);
        reader.Read();

        var read = PatientReference.Read(ref reader);

        var expected = LineScanner.PatientIdOf(reference);
        Assert.Equal(expected, read.PatientId);
        if (expected is null)
        {
            Assert.Equal(reference, read.Text);
        }
    }

    private static IEnumerable<string> ReferencesOf(string line)
    {
        using var document = JsonDocument.Parse(line);
        foreach (var name in new[] { "subject", "patient" })
        {
            if (document.RootElement.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty("reference", out var reference) && reference.ValueKind == JsonValueKind.String)
            {
                yield return reference.GetString()!;
            }
        }
    }
}
