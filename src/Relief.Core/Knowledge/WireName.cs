using System.Collections.Concurrent;
using System.Text;

namespace Relief.Core.Knowledge;

/// <summary>
/// The kebab-case spelling of an enum value as knowledge files and JSON write it
/// (<c>WithholdAndDiscuss</c> is <c>withhold-and-discuss</c>), and the parse back.
/// </summary>
public static class WireName
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Cache.GetOrAdd(value, v => Kebab(v.ToString()));

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
