using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Relief.Core.Patients;
using Relief.Fhir.Reading;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

/// <summary>Defects real senders make, read past with a warning that names the resource and the element.</summary>
public class ToleranceTests
{
    [Fact]
    public void Category_sent_as_one_object_is_read_as_one_element()
    {
        var result = Bundles.ReadOk(Bundles.With($$"""
            { "resourceType": "MedicationRequest", "id": "xyz", "status": "active", "intent": "order", {{Bundles.Subject}},
              "category": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/medicationrequest-category", "code": "community" } ] },
              "medicationCodeableConcept": { "text": "diazepam" } }
            """));
        Assert.Single(result.Record!.Medications);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(new FhirReadWarning("MedicationRequest/xyz", "category", "category should be an array (FHIR R4); read as one element"), warning);
        Assert.Equal("MedicationRequest/xyz: category should be an array (FHIR R4); read as one element", warning.ToString());
    }

    [Fact]
    public void Coding_sent_as_one_object_is_read_as_one_element()
    {
        var result = Bundles.ReadOk(Bundles.With($$"""{ "resourceType": "Condition", "id": "c", {{Bundles.Subject}}, "code": { "coding": { "system": "http://snomed.info/sct", "code": "203082005" } } }"""));
        Assert.Equal("203082005", Assert.Single(result.Record!.Conditions[0].Concept.Codes).Value);
        Assert.Equal("code.coding should be an array (FHIR R4); read as one element", Assert.Single(result.Warnings).Message);
    }

    [Fact]
    public void Concept_sent_as_an_array_is_read_as_its_first_element()
    {
        var result = Bundles.ReadOk(Bundles.With($$"""{ "resourceType": "Condition", "id": "c", {{Bundles.Subject}}, "code": [ { "text": "sciatica" }, { "text": "other" } ] }"""));
        Assert.Equal("sciatica", result.Record!.Conditions[0].Concept.Text);
        Assert.Equal("code should be an object (FHIR R4), found an array; read its first element", Assert.Single(result.Warnings).Message);
    }

    [Fact]
    public void Integer_sent_as_a_decimal_or_string_is_read_with_a_warning()
    {
        var result = Bundles.ReadOk(Bundles.With($$"""
            { "resourceType": "MedicationRequest", "id": "m", "status": "active", "intent": "order", {{Bundles.Subject}}, "medicationCodeableConcept": { "text": "x" },
              "dosageInstruction": [ { "timing": { "repeat": { "frequency": 2.0, "period": "8", "periodUnit": "h" } } } ] }
            """));
        var dosage = result.Record!.Medications[0].Dosages[0];
        Assert.Equal((2, 8m), (dosage.Frequency, dosage.Period));
        Assert.Equal(
            ["dosageInstruction[0].timing.repeat.frequency should be an integer, found 2.0; read as 2",
             "dosageInstruction[0].timing.repeat.period should be a JSON number, found the string \"8\"; read as a number"],
            result.Warnings.Select(w => w.Message));
    }

    [Fact]
    public void Boolean_sent_as_a_string_is_read_with_a_warning()
    {
        var result = Bundles.ReadOk(Bundles.With($$"""
            { "resourceType": "MedicationRequest", "id": "m", "status": "active", "intent": "order", {{Bundles.Subject}}, "medicationCodeableConcept": { "text": "x" },
              "dosageInstruction": [ { "asNeededBoolean": "true" } ] }
            """));
        Assert.True(result.Record!.Medications[0].Dosages[0].AsNeeded);
        Assert.Equal("dosageInstruction[0].asNeededBoolean should be a JSON boolean, found a string; read as one", Assert.Single(result.Warnings).Message);
    }

    [Fact]
    public void Missing_id_is_taken_from_the_full_url_with_a_warning()
    {
        var result = Bundles.ReadOk("""
            { "resourceType": "Bundle", "type": "transaction", "entry": [
              { "fullUrl": "urn:uuid:pat", "resource": { "resourceType": "Patient" } },
              { "fullUrl": "https://ehr.example.org/fhir/Condition/c42", "resource": { "resourceType": "Condition", "subject": { "reference": "urn:uuid:pat" }, "code": { "text": "x" } } } ] }
            """);
        Assert.Equal("pat", result.Record!.Id);
        Assert.Equal("c42", result.Record.Conditions[0].ResourceId);
        Assert.Equal(
            ["Patient/pat: Patient at Bundle.entry[0] has no id; named \"pat\" from its fullUrl",
             "Condition/c42: Condition at Bundle.entry[1] has no id; named \"c42\" from its fullUrl"],
            result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Unknown_resource_types_are_counted_not_warned_about()
    {
        var result = Bundles.ReadOk(Bundles.With(
            """{ "resourceType": "Claim", "id": "c1" }""",
            """{ "resourceType": "Claim", "id": "c2" }""",
            """{ "resourceType": "SomethingNew", "id": "s" }"""));
        Assert.Equal(new Dictionary<string, int> { ["Claim"] = 2, ["SomethingNew"] = 1 }, result.IgnoredResources);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Entry_that_is_not_a_resource_is_skipped_with_a_warning()
    {
        var result = Bundles.ReadOk("""
            { "resourceType": "Bundle", "type": "collection", "entry": [
              { "resource": { "resourceType": "Patient", "id": "p" } }, { "resource": 7 }, { "resource": { "id": "x" } }, "oops" ] }
            """);
        Assert.Equal(
            ["Bundle.entry[3]: Bundle.entry[3] should be an object, found a string; ignored",
             "Bundle.entry[1]: Bundle.entry[1] should be a resource object, found a number; ignored",
             "Bundle.entry[2]: Bundle.entry[2] has no resourceType; ignored"],
            result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Repeated_resource_is_read_once_with_a_warning()
    {
        const string condition = """{ "resourceType": "Condition", "id": "c", "subject": { "reference": "Patient/p1" }, "code": { "text": "x" } }""";
        var result = Bundles.ReadOk(Bundles.With(condition, condition));
        Assert.Single(result.Record!.Conditions);
        Assert.Equal("Condition/c appears again at Bundle.entry[2]; the first copy is read", Assert.Single(result.Warnings).Message);
    }

    [Fact]
    public void History_bundle_reads_the_newest_version_and_honours_deletes()
    {
        var result = Bundles.ReadOk("""
            { "resourceType": "Bundle", "type": "history", "entry": [
              { "resource": { "resourceType": "Patient", "id": "p1" } },
              { "resource": { "resourceType": "Condition", "id": "c", "subject": { "reference": "Patient/p1" }, "code": { "text": "newest" } } },
              { "resource": { "resourceType": "Condition", "id": "c", "subject": { "reference": "Patient/p1" }, "code": { "text": "older" } } },
              { "request": { "method": "DELETE", "url": "Condition/gone" } },
              { "resource": { "resourceType": "Condition", "id": "gone", "subject": { "reference": "Patient/p1" }, "code": { "text": "deleted" } } } ] }
            """);
        Assert.Equal(["newest"], result.Record!.Conditions.Select(c => c.Concept.Text));
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("searchset")]
    [InlineData("batch")]
    [InlineData("transaction-response")]
    [InlineData("batch-response")]
    [InlineData("document")]
    [InlineData("message")]
    public void Every_r4_bundle_type_is_read(string type)
    {
        var result = Bundles.ReadOk($$"""{ "resourceType": "Bundle", "type": "{{type}}", "entry": [ { "resource": {{Bundles.Patient}} } ] }""");
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Unknown_bundle_type_is_read_as_a_collection_with_a_warning()
    {
        var result = Bundles.ReadOk($$"""{ "resourceType": "Bundle", "type": "pile", "entry": [ { "resource": {{Bundles.Patient}} } ] }""");
        Assert.Equal("Bundle: type \"pile\" is not an R4 bundle type; entries read as a collection", Assert.Single(result.Warnings).ToString());
    }

    [Fact]
    public void Warnings_stop_at_the_limit_with_a_count_of_the_rest()
    {
        var conditions = Enumerable.Range(0, 5).Select(i => $$"""{ "resourceType": "Condition", "id": "c{{i}}", "code": { "text": "x" } }""").ToArray();
        var result = FhirBundleReader.Read(Encoding.UTF8.GetBytes(Bundles.With(conditions)), new FhirReadOptions { MaxWarnings = 2 });
        Assert.Equal(3, result.Warnings.Length);
        Assert.Equal("3 more warnings not listed (limit 2)", result.Warnings[2].Message);
    }

    /// <summary>
    /// Every element of a bundle with one resource of each type, replaced in turn by every JSON kind: the
    /// reader must answer each with a result, never an exception.
    /// </summary>
    [Fact]
    public void Any_element_of_the_wrong_json_kind_gives_a_result_not_an_exception()
    {
        var original = JsonNode.Parse(TestData.Text("every-resource.json"))!;
        JsonNode?[] replacements = [42, "text", true, null, new JsonArray(), new JsonObject(), new JsonArray(1, "a"), new JsonObject { ["x"] = 1 }];
        var paths = Paths(original).ToList();
        Assert.True(paths.Count > 150, $"only {paths.Count} paths");
        foreach (var path in paths)
        {
            foreach (var replacement in replacements)
            {
                var mutated = original.DeepClone();
                Set(mutated, path, replacement?.DeepClone());
                var result = FhirBundleReader.Read(Encoding.UTF8.GetBytes(mutated.ToJsonString()));
                // Exactly one of record and error, and either says something usable: a patient id, or a one-line reason.
                Assert.NotEqual(result.Succeeded, result.Failed);
                if (result.Succeeded)
                {
                    Assert.False(string.IsNullOrEmpty(result.Record!.Id));
                }
                else
                {
                    Assert.False(string.IsNullOrWhiteSpace(result.Error!.Message));
                    Assert.DoesNotContain('\n', result.Error.Message);
                }
            }
        }
    }

    private static IEnumerable<IReadOnlyList<object>> Paths(JsonNode node, List<object>? prefix = null)
    {
        prefix ??= [];
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    List<object> path = [.. prefix, name];
                    yield return path;
                    if (child is not null)
                    {
                        foreach (var nested in Paths(child, path))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    List<object> path = [.. prefix, i];
                    yield return path;
                    if (array[i] is { } child)
                    {
                        foreach (var nested in Paths(child, path))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
        }
    }

    private static void Set(JsonNode root, IReadOnlyList<object> path, JsonNode? value)
    {
        var parent = root;
        foreach (var step in path.Take(path.Count - 1))
        {
            parent = step is int i ? parent[i]! : parent[(string)step]!;
        }

        if (path[^1] is int index)
        {
            parent.AsArray()[index] = value;
        }
        else
        {
            parent.AsObject()[(string)path[^1]] = value;
        }
    }
}
