namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// The entry checks every knowledge file shares (a required field, a closed vocabulary, a positive number),
/// each adding one <see cref="KnowledgeError"/> worded the same way whatever file it is in. Both validators
/// call these rather than keeping their own copies.
/// </summary>
internal static class EntryChecks
{
    public static void Require(List<KnowledgeError> errors, string file, string entry, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new KnowledgeError(file, entry, $"{field} is required"));
        }
    }

    /// <summary>A closed vocabulary, read by its kebab-case wire names; an unknown or missing value is an error listing them all.</summary>
    public static T Vocabulary<T>(List<KnowledgeError> errors, string file, string entry, string? text, string field, T? fallback = null)
        where T : struct, Enum
    {
        if (text is null && fallback is { } value)
        {
            return value;
        }

        if (WireName.TryParse<T>(text, out var parsed))
        {
            return parsed;
        }

        errors.Add(new KnowledgeError(file, entry, text is null
            ? $"{field} is required ({WireName.List<T>()})"
            : $"{field} must be one of {WireName.List<T>()} (got '{text}')"));
        return default;
    }

    public static void Positive(List<KnowledgeError> errors, string file, string entry, decimal? value, string field)
    {
        if (value is not > 0)
        {
            errors.Add(new KnowledgeError(file, entry, $"{field} must be a number above 0"));
        }
    }
}
