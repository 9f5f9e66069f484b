using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Relief.Service.Fhir;

/// <summary>
/// The FHIR resources the service writes (OperationOutcome, ServiceRequest) are Firely SDK POCOs serialised
/// by its System.Text.Json converter: one options instance, built once (its model inspection is the costly
/// part; docs/cds-hooks.md gives the measured cost per resource).
/// </summary>
public static class FirelyJson
{
    public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static byte[] Serialize(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), Options);

    public static string SerializeToString(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Options);
}
