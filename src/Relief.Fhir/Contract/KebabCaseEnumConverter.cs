using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relief.Fhir.Contract;

/// <summary>Writes enum members as kebab-case words (StrongFor → "strong-for"), the contract's vocabulary.</summary>
public sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
