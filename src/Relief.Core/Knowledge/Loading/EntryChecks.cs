using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// The entry checks every knowledge file shares (a required field, a closed vocabulary, a positive number, a code,
/// the sources an entry cites, a reference to another file, the verified mark), each adding one
/// <see cref="KnowledgeError"/> worded by <see cref="KnowledgeMessages"/>, the same whatever file it is in. The
/// three validators (evidence, safety, opioid) call these rather than keeping their own copies.
/// </summary>
internal static class EntryChecks
{
    public static void Require(List<KnowledgeError> errors, string file, string entry, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new KnowledgeError(file, entry, KnowledgeMessages.Required(field)));
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

        errors.Add(new KnowledgeError(file, entry, text is null ? KnowledgeMessages.RequiredOneOf<T>(field) : KnowledgeMessages.NotOneOf<T>(field, text)));
        return default;
    }

    public static void Positive(List<KnowledgeError> errors, string file, string entry, decimal? value, string field)
    {
        if (value is not > 0)
        {
            errors.Add(new KnowledgeError(file, entry, KnowledgeMessages.NotAboveZero(field)));
        }
    }

    /// <summary>
    /// A reference to an entry of another file ("source 'x' is not in sources.yaml", "value set 'y' is not in
    /// opioids/value-sets/"): true when it is there, otherwise one error naming what, which and where.
    /// </summary>
    public static bool Known(List<KnowledgeError> errors, string file, string entry, string what, string? id, bool exists, string where)
    {
        if (exists)
        {
            return true;
        }

        errors.Add(new KnowledgeError(file, entry, KnowledgeMessages.NotIn(what, id, where)));
        return false;
    }

    /// <summary>
    /// The source ids an entry cites (<c>source:</c> and <c>sources:</c> together, each once); each must be in
    /// sources.yaml, and a clinical statement must cite one.
    /// </summary>
    public static ImmutableArray<string> Sources(
        List<KnowledgeError> errors, string file, string entry, string? source, IEnumerable<string>? sources, IReadOnlySet<string> sourceIds, bool required = true)
    {
        var ids = (source is null ? [] : new[] { source }).Concat(sources ?? []).Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (ids.IsEmpty && required)
        {
            errors.Add(new KnowledgeError(file, entry, KnowledgeMessages.MissingSource));
        }

        foreach (var id in ids)
        {
            Known(errors, file, entry, "source", id, sourceIds.Contains(id), KnowledgeLoader.SourcesFile);
        }

        return ids;
    }

    /// <summary>The review mark: V (verified against the source) or K (kept from the project's own knowledge); required where <paramref name="required"/>.</summary>
    public static void Verified(List<KnowledgeError> errors, string file, string entry, string? verified, bool required)
    {
        if (verified is "V" or "K" || (verified is null && !required))
        {
            return;
        }

        errors.Add(new KnowledgeError(file, entry, KnowledgeMessages.Verified(verified)));
    }

    /// <summary>
    /// A code written as <c>{ system, code, display }</c>: a known system, a code well-formed for it (check digits
    /// included), and a display. LOINC answer codes (LA6576-8 "Positive") have their own shape and no mod-10
    /// check digit; they are accepted where <paramref name="loincAnswers"/> says so. Null when unusable.
    /// </summary>
    public static Code? Code(List<KnowledgeError> errors, string file, string entry, string? system, string? code, string? display, bool loincAnswers = false)
    {
        var resolved = system is null ? null : CodeSystems.Resolve(system);
        if (resolved is null || string.IsNullOrWhiteSpace(code))
        {
            errors.Add(new KnowledgeError(file, entry, KnowledgeMessages.CodeNeedsSystem(system, code)));
            return null;
        }

        var wellFormed = CodeFormats.IsWellFormed(resolved, code) || (loincAnswers && resolved == CodeSystems.Loinc && CodeFormats.IsLoincAnswer(code));
        if (!wellFormed)
        {
            errors.Add(new KnowledgeError(file, entry, KnowledgeMessages.NotWellFormed($"{CodeSystems.ShortName(resolved)} code", code)));
            return null;
        }

        if (string.IsNullOrWhiteSpace(display))
        {
            errors.Add(new KnowledgeError(file, entry, KnowledgeMessages.CodeNeedsDisplay(code)));
        }

        return new Code(resolved, code);
    }
}
