using System.Text.Json;
using System.Text.Json.Serialization;
using Relief.Core.Codes;

namespace Relief.Fhir.Contract;

/// <summary>A code as the FHIR token string <c>system|code</c>.</summary>
public sealed class CodeJsonConverter : JsonConverter<Code>
{
    public override Code Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Code.TryParse(reader.GetString(), out var code) ? code : throw new JsonException("expected a code as 'system|code'");

    public override void Write(Utf8JsonWriter writer, Code value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
