using PdfSharp.Pdf;
using Relief.Core.Assessment;

namespace Relief.Reports.VisitSummary;

/// <summary>The visit summary as a PDF (PDFsharp), with the score charts as images (ScottPlot).</summary>
public static class VisitSummaryPdf
{
    public static byte[] Render(VisitSummary s)
    {
        DejaVuFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Relief visit summary: {s.Name ?? s.PatientId}";
        document.Info.Creator = "Relief";
        var w = new PdfPageWriter(document, PatientAssessment.Disclaimer);
        w.Title("Visit summary");
        w.Paragraph(VisitSummaryText.Header(s));
        if (s.Conditions.Count > 0)
        {
            w.Paragraph("Conditions: " + string.Join(", ", s.Conditions));
        }

        Section(w, "What changed since the last visit", s.Changes, "Nothing recorded since then.");
        Section(w, "Needs action: open safety findings", s.OpenFindings.Select(VisitSummaryText.Finding), "No open contraindication, interaction, dose problem or threshold breach.");
        Section(w, "Is the treatment working?", s.Response.Select(VisitSummaryText.Finding), "No pain drug with scores before and after its start.");
        Section(w, "Overdue and due tests", s.OverdueTasks.Select(VisitSummaryText.Task), "No test due.");
        Section(w, "Current medicines, doses and adherence", s.Medicines.Select(VisitSummaryText.Medicine), "No current medicine recorded.");
        Section(w, "Side effects", s.SideEffects.Select(VisitSummaryText.SideEffect), "None recorded.");
        Section(w, "The patient's goals", s.Goals.Select(VisitSummaryText.Goal), "No goal recorded.");
        if (s.Pacing.Count > 0)
        {
            Section(w, "Pacing (ME/CFS)", s.Pacing, "");
        }

        w.Heading("Scores over time");
        if (s.Scores.Count == 0)
        {
            w.Paragraph("No scores on a validated instrument.");
        }

        foreach (var chart in s.Scores.Where(c => c.Points.Count >= 2))
        {
            w.Image(ChartImages.Png(chart));
        }

        foreach (var chart in s.Scores.Where(c => c.Points.Count == 1))
        {
            w.Paragraph($"{chart.Title}: {chart.Points[0].Value} on {chart.Points[0].Date:yyyy-MM-dd} (one result)");
        }

        w.Finish();
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static void Section(PdfPageWriter w, string heading, IEnumerable<string> lines, string none)
    {
        w.Heading(heading);
        var any = false;
        foreach (var line in lines)
        {
            w.Bullet(line);
            any = true;
        }

        if (!any && none.Length > 0)
        {
            w.Paragraph(none);
        }
    }
}
