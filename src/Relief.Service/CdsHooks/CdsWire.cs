using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relief.Service.CdsHooks;

// The CDS Hooks 2.0 wire shapes Relief writes. Optional members are null when absent (never null or empty
// on the wire: requirement 3), so they are omitted by the serializer options in CdsJsonContext.

public sealed record DiscoveryResponse(IReadOnlyList<ServiceDescription> Services);

public sealed record ServiceDescription(
    string Hook,
    string Title,
    string Description,
    string Id,
    IReadOnlyDictionary<string, string> Prefetch,
    string UsageRequirements);

public sealed record CdsResponse(IReadOnlyList<Card> Cards);

public sealed record Card
{
    public required string Uuid { get; init; }

    public required string Summary { get; init; }

    public string? Detail { get; init; }

    public required string Indicator { get; init; }

    public required CardSource Source { get; init; }

    public IReadOnlyList<Suggestion>? Suggestions { get; init; }

    public string? SelectionBehavior { get; init; }

    public IReadOnlyList<CdsCoding>? OverrideReasons { get; init; }

    public IReadOnlyList<CardLink>? Links { get; init; }
}

public sealed record CardSource(string Label, string? Url = null, CdsCoding? Topic = null);

public sealed record CdsCoding(string System, string Code, string? Display = null);

public sealed record Suggestion(string Label, string Uuid, IReadOnlyList<CdsAction> Actions, bool? IsRecommended = null);

public sealed record CdsAction(string Type, string Description, RawJson? Resource = null, string? ResourceId = null);

public sealed record CardLink(string Label, string Url, string Type, string? AppContext = null);

/// <summary>Already-serialised JSON (a FHIR resource written by Firely) embedded as it is.</summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(byte[] Utf8);

public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) => writer.WriteRawValue(value.Utf8, skipInputValidation: true);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiscoveryResponse))]
[JsonSerializable(typeof(CdsResponse))]
public sealed partial class CdsJsonContext : JsonSerializerContext;
