namespace Relief.Core.Assessment;

/// <summary>
/// A code in the record that Relief could not place: listed so nothing is silently dropped. Codes of
/// conditions outside Relief's scope appear here too, since Relief cannot tell them from unknown codes.
/// </summary>
public sealed record UnrecognisedCode(string Code, string? Display, string ResourceType, string ResourceId, string Reason);
