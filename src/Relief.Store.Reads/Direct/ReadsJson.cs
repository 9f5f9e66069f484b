using System.Text.Json.Serialization;

namespace Relief.Store.Direct;

/// <summary>Source-generated JSON for the SQLite text columns that hold a list (EF Core primitive collections): AOT safe.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class ReadsJson : JsonSerializerContext;
