using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;
using Relief.Fhir.Contract;
using Relief.Fhir.Reading;

namespace Relief.Fhir.Tests.Contract;

/// <summary>
/// docs/assessment.schema.json and the C# contract name the same closed vocabularies. The test walks the
/// schema and the serializer's own metadata (<see cref="AssessmentJsonContext"/>) side by side from the
/// document's root: wherever the schema has an <c>enum</c>, the C# property's enum, written by the contract's
/// converters, must have exactly those values. A kind added in C# and not in the schema (or the reverse)
/// fails here, and with it the reminder that a new enum value means a new contract version (docs/contract.md).
/// </summary>
public class SchemaVocabularyTests
{
    /// <summary>Contract properties typed as string whose values come from an enum elsewhere.</summary>
    private static readonly Dictionary<string, Type> StringBackedByEnum = new(StringComparer.Ordinal)
    {
        ["#/definitions/inputError/properties/kind"] = typeof(FhirReadErrorKind),
        ["#/definitions/evidence/properties/quality"] = typeof(EvidenceQuality),
    };

    /// <summary>C# enum values the contract never writes at that place, and why (the schema rightly leaves them out).</summary>
    private static readonly Dictionary<string, string[]> NeverWritten = new(StringComparer.Ordinal)
    {
        // Only current and proposed medications are reviewed (Assessor); past and entered-in-error ones are history.
        ["#/definitions/medication/properties/use"] = ["past", "invalid"],
    };

    /// <summary>Schema enums over plain strings that no C# enum backs (FHIR resource type names), and why.</summary>
    private static readonly HashSet<string> FhirResourceTypeNames = new(StringComparer.Ordinal)
    {
        "#/definitions/medication/properties/resourceType",
        "#/definitions/finding/properties/proposals/items/properties/resourceType",
    };

    private static readonly Lazy<JsonObject> Schema = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "assessment.schema.json")))!.AsObject());

    [Fact]
    public void Every_schema_enum_has_exactly_the_values_of_its_csharp_enum()
    {
        var walk = new Walk(Schema.Value);
        walk.Object(Schema.Value, typeof(AssessmentDocument), "#");

        Assert.True(walk.Problems.Count == 0, string.Join("\n", walk.Problems));

        // The walk reached the vocabularies it is meant to compare (a walk that stops at the root compares nothing).
        Assert.Contains("#/definitions/severity", walk.Compared);
        Assert.Contains("#/definitions/dose/properties/kind", walk.Compared);
        Assert.Contains("#/definitions/interaction/properties/kind", walk.Compared);
        Assert.Contains("#/definitions/dataQualityNote/properties/kind", walk.Compared);
        Assert.Contains("#/definitions/inputError/properties/kind", walk.Compared);
    }

    [Fact]
    public void Schema_id_title_and_constant_name_the_current_contract_version()
    {
        var version = AssessmentDocument.CurrentSchema;
        Assert.Equal(version, Schema.Value["properties"]!["schema"]!["const"]!.GetValue<string>());
        Assert.Contains($"({version})", Schema.Value["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith($"/{version.Replace('/', '-')}.json", Schema.Value["$id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_walk_finds_a_value_missing_from_the_schema()
    {
        // A schema whose severity lacks "contraindicated": the comparison must say so.
        var schema = Schema.Value.DeepClone().AsObject();
        var severity = schema["definitions"]!["severity"]!["enum"]!.AsArray();
        severity.Remove(severity.Single(v => v!.GetValue<string>() == "contraindicated"));

        var walk = new Walk(schema);
        walk.Object(schema, typeof(AssessmentDocument), "#");

        Assert.Contains(walk.Problems, p => p.StartsWith("#/definitions/severity:", StringComparison.Ordinal) && p.Contains("contraindicated", StringComparison.Ordinal));
    }

    private sealed class Walk(JsonObject root)
    {
        private readonly HashSet<(string, Type)> _seen = [];

        public List<string> Problems { get; } = [];

        public SortedSet<string> Compared { get; } = new(StringComparer.Ordinal);

        public void Object(JsonObject node, Type type, string path)
        {
            (node, path) = Resolve(node, path);
            if (!_seen.Add((path, type)))
            {
                return;
            }

            if (node["oneOf"] is JsonArray branches)
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    Object(branches[i]!.AsObject(), type, $"{path}/oneOf/{i}");
                }
            }

            if (node["properties"] is not JsonObject properties)
            {
                return;
            }

            var info = AssessmentJsonContext.Default.GetTypeInfo(type)
                ?? throw new InvalidOperationException($"{type.Name} is not in the contract's serializer context");
            foreach (var (name, schema) in properties)
            {
                var property = info.Properties.FirstOrDefault(p => p.Name == name);
                if (property is null)
                {
                    Problems.Add($"{path}/properties/{name}: the schema has it, {type.Name} does not write it");
                    continue;
                }

                Value(schema!.AsObject(), property.PropertyType, $"{path}/properties/{name}");
            }
        }

        private void Value(JsonObject node, Type type, string path)
        {
            (node, path) = Resolve(node, path);
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (node["enum"] is JsonArray values)
            {
                Enum(values, type, path);
                return;
            }

            var info = AssessmentJsonContext.Default.GetTypeInfo(type);
            if (node["items"] is JsonObject items && info?.ElementType is { } element)
            {
                Value(items, element, $"{path}/items");
            }
            else if (node["additionalProperties"] is JsonObject entries && info?.Kind == JsonTypeInfoKind.Dictionary)
            {
                Value(entries, info.ElementType!, $"{path}/additionalProperties");
            }
            else if (node["properties"] is not null || node["oneOf"] is not null)
            {
                Object(node, type, path);
            }
        }

        private void Enum(JsonArray values, Type type, string path)
        {
            var schemaValues = values.Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var enumType = type.IsEnum ? type : StringBackedByEnum.GetValueOrDefault(path);
            if (enumType is null)
            {
                if (!FhirResourceTypeNames.Contains(path))
                {
                    Problems.Add($"{path}: a schema enum on {type.Name}, which is no C# enum: make it one or name it in this test");
                }

                return;
            }

            // The wire names as the contract writes them: the registered converter for an enum property, WireName
            // (what AssessmentPipeline writes) for a string property; not a second spelling.
            var wireName = typeof(WireName).GetMethod(nameof(WireName.Of))!.MakeGenericMethod(enumType);
            var csharpValues = System.Enum.GetValues(enumType).Cast<object>()
                .Select(v => type.IsEnum ? JsonSerializer.Serialize(v, enumType, AssessmentJsonContext.Default).Trim('"') : (string)wireName.Invoke(null, [v])!)
                .ToHashSet(StringComparer.Ordinal);
            Compared.Add(path);
            var onlyInSchema = schemaValues.Except(csharpValues).Order(StringComparer.Ordinal).ToList();
            var onlyInCSharp = csharpValues.Except(schemaValues).Except(NeverWritten.GetValueOrDefault(path) ?? []).Order(StringComparer.Ordinal).ToList();
            if (onlyInSchema.Count + onlyInCSharp.Count > 0)
            {
                Problems.Add($"{path}: {enumType.Name} differs; only in the schema [{string.Join(", ", onlyInSchema)}], only in C# [{string.Join(", ", onlyInCSharp)}]");
            }
        }

        private (JsonObject Node, string Path) Resolve(JsonObject node, string path)
        {
            while (node["$ref"] is JsonValue reference)
            {
                path = reference.GetValue<string>();
                JsonNode target = root;
                foreach (var part in path.TrimStart('#', '/').Split('/'))
                {
                    target = target[part]!;
                }

                node = target.AsObject();
            }

            return (node, path);
        }
    }
}
