using PdfSharp.Fonts;

namespace Relief.Reports.VisitSummary;

/// <summary>
/// PDFsharp on Linux has no system font lookup: it is told where the fonts are. DejaVu Sans (Debian's
/// fonts-dejavu-core) covers the text Relief writes; RELIEF_FONT_DIR points elsewhere if needed.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly object Gate = new();

    public static string Directory =>
        Environment.GetEnvironmentVariable("RELIEF_FONT_DIR") ?? "/usr/share/fonts/truetype/dejavu";

    /// <summary>Installs the resolver once per process (PDFsharp's setting is global).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not DejaVuFontResolver)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        var path = Path.Combine(Directory, faceName + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"font {path} not found: install fonts-dejavu-core or set RELIEF_FONT_DIR", path);
    }
}
