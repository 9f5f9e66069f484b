using Relief.Core.Knowledge;

namespace Relief.Cli.Rendering;

/// <summary>Vocabulary values as readers see them: the contract's kebab-case wire name with spaces ("withhold and discuss").</summary>
public static class Words
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => WireName.Of(value).Replace('-', ' ');

    /// <summary>An already kebab-case name (a computed value's name) with spaces.</summary>
    public static string Of(string kebab) => kebab.Replace('-', ' ');
}
