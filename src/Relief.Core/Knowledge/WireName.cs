using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;

namespace Relief.Core.Knowledge;

/// <summary>
/// The kebab-case spelling of an enum value as knowledge files and JSON write it
/// (<c>WithholdAndDiscuss</c> is <c>withhold-and-discuss</c>), and the parse back.
/// </summary>
public static class WireName
{
    // One table per enum type, keyed by the unboxed value: findings spell several enum values each, and a shared table
    // keyed by Enum boxed every value and compared it through reflection on every call.
    private static class Table<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Names = Enum.GetValues<TEnum>()
            .Distinct()
            .ToFrozenDictionary(v => v, v => Kebab(v.ToString()));

        // A value the enum does not declare (a cast number) is spelled as before, cached apart.
        public static readonly ConcurrentDictionary<TEnum, string> Undeclared = new();
    }

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Table<TEnum>.Names.TryGetValue(value, out var name) ? name : Table<TEnum>.Undeclared.GetOrAdd(value, v => Kebab(v.ToString()));

    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Every wire name of the enum, in declaration order, for error messages.</summary>
    public static string List<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(v => Of(v)));

    private static string Kebab(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(pascal[i]));
        }

        return text.ToString();
    }
}
