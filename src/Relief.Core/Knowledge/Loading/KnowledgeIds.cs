using System.Text.RegularExpressions;

namespace Relief.Core.Knowledge.Loading;

/// <summary>The one rule for ids in every knowledge file: present, lower-case kebab-case, unique in their list.</summary>
internal static partial class KnowledgeIds
{
    /// <summary>Checks an entry's id and returns it, or a placeholder ("condition #3") to name an entry without one.</summary>
    public static string Check(List<KnowledgeError> errors, string file, string? id, int index, string kind, ISet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            var placeholder = $"{kind} #{index + 1}";
            errors.Add(new KnowledgeError(file, placeholder, KnowledgeMessages.IdMissing));
            return placeholder;
        }

        if (!KebabId().IsMatch(id))
        {
            errors.Add(new KnowledgeError(file, id, KnowledgeMessages.IdNotKebabCase));
        }

        if (!seen.Add(id))
        {
            errors.Add(new KnowledgeError(file, id, KnowledgeMessages.DuplicateId(kind)));
        }

        return id;
    }

    public static bool IsKebabCase(string id) => KebabId().IsMatch(id);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabId();
}
