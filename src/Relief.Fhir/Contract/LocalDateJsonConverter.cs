using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Relief.Fhir.Contract;

/// <summary>A calendar date as ISO yyyy-MM-dd, the form FHIR uses.</summary>
public sealed class LocalDateJsonConverter : JsonConverter<LocalDate>
{
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var result = LocalDatePattern.Iso.Parse(reader.GetString() ?? "");
        return result.Success ? result.Value : throw new JsonException("expected a date as yyyy-MM-dd");
    }

    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
}
