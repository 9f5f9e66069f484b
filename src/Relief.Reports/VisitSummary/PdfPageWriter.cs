using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Relief.Reports.VisitSummary;

/// <summary>
/// A4 pages written top to bottom: headings, wrapped paragraphs, bullets and images, with a new page when the
/// next block does not fit and the disclaimer in every footer. PDFsharp draws; this only lays out.
/// </summary>
internal sealed class PdfPageWriter(PdfDocument document, string footer)
{
    private const double Margin = 48;
    private readonly XFont _body = new(DejaVuFontResolver.Family, 10);
    private readonly XFont _bold = new(DejaVuFontResolver.Family, 10, XFontStyleEx.Bold);
    private readonly XFont _h1 = new(DejaVuFontResolver.Family, 16, XFontStyleEx.Bold);
    private readonly XFont _h2 = new(DejaVuFontResolver.Family, 12.5, XFontStyleEx.Bold);
    private readonly XFont _small = new(DejaVuFontResolver.Family, 7.5);
    private PdfPage? _page;
    private XGraphics? _graphics;
    private double _y;

    private double Width => _page!.Width.Point - 2 * Margin;

    private double Bottom => _page!.Height.Point - Margin - 30;

    public void Title(string text) => Block(_h1, text, 8);

    public void Heading(string text) => Block(_h2, text, 4, before: 10);

    public void Paragraph(string text, bool bold = false) => Block(bold ? _bold : _body, text, 3);

    public void Bullet(string text) => Block(_body, text, 2, indent: 12, bullet: true);

    public void Image(byte[] png, double height = 170)
    {
        using var stream = new MemoryStream(png);
        var image = XImage.FromStream(stream);
        Ensure(height + 6);
        var width = Math.Min(Width, height * image.PixelWidth / image.PixelHeight);
        _graphics!.DrawImage(image, Margin, _y, width, height);
        _y += height + 6;
    }

    public void Finish()
    {
        EndPage();
    }

    private void Block(XFont font, string text, double after, double indent = 0, bool bullet = false, double before = 0)
    {
        Ensure(0);
        var lines = Wrap(text, font, Width - indent);
        var lineHeight = font.GetHeight() * 1.15;
        Ensure(before + Math.Min(lines.Count, 3) * lineHeight);
        _y += before;
        for (var i = 0; i < lines.Count; i++)
        {
            Ensure(lineHeight);
            if (bullet && i == 0)
            {
                _graphics!.DrawString("•", font, XBrushes.Black, new XPoint(Margin + 2, _y + font.GetHeight()));
            }

            _graphics!.DrawString(lines[i], font, XBrushes.Black, new XPoint(Margin + indent, _y + font.GetHeight()));
            _y += lineHeight;
        }

        _y += after;
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _graphics!.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private void Ensure(double height)
    {
        if (_page is null || _y + height > Bottom)
        {
            EndPage();
            _page = document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }
    }

    private void EndPage()
    {
        if (_graphics is null)
        {
            return;
        }

        var lines = Wrap(footer + $"  Page {document.PageCount}.", _small, Width);
        var y = _page!.Height.Point - Margin - 8;
        foreach (var line in lines)
        {
            _graphics.DrawString(line, _small, XBrushes.DimGray, new XPoint(Margin, y));
            y += _small.GetHeight();
        }

        _graphics.Dispose();
        _graphics = null;
    }
}
