using System.Text.Json.Serialization;

namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// The snapshot's JSON, source-generated (no reflection: Native AOT safe, no start-up cost for building serializers).
/// Fields are included for the (file, content) tuples of evidence/ and opioids/value-sets/; unknown members are
/// errors, so a snapshot from other code fails to read and the loader falls back to the YAML.
/// </summary>
[JsonSourceGenerationOptions(
    IncludeFields = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(KnowledgeSnapshotDocument))]
internal sealed partial class KnowledgeSnapshotJsonContext : JsonSerializerContext
{
}
