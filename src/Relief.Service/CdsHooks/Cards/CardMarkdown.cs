using System.Text;

namespace Relief.Service.CdsHooks.Cards;

/// <summary>Text from a record or the knowledge put into GitHub-flavoured markdown without turning into markup (links, emphasis, HTML).</summary>
public static class CardMarkdown
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '!')
            {
                builder.Append('\\');
            }

            builder.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>A card summary: one line, under 140 characters (CDS Hooks), cut on a word with an ellipsis.</summary>
    public static string Summary(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        if (line.Length < 140)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', 137);
        return line[..(cut > 80 ? cut : 137)].TrimEnd(',', ';', ':', ' ') + "…";
    }
}
