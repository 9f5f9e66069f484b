using System.Net;
using System.Text;
using Relief.Core.Assessment;

namespace Relief.Reports.VisitSummary;

/// <summary>
/// The visit summary as one printable HTML document. Served by the web (linking its stylesheet, under its
/// Content-Security-Policy: no inline script or style) or written to a file by the CLI (with the stylesheet
/// embedded so the file stands alone). Charts are PNG images, with the values listed beside them.
/// </summary>
public static class VisitSummaryHtml
{
    public static string Render(VisitSummary s, string? stylesheetHref)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<title>Visit summary · ").Append(E(s.Name ?? s.PatientId)).Append("</title>");
        h.Append(stylesheetHref is null ? $"<style>{StandaloneCss}</style>" : $"<link rel=\"stylesheet\" href=\"{E(stylesheetHref)}\">");
        h.Append("</head><body><main id=\"main\" class=\"summary\">");
        h.Append("<h1>Visit summary</h1><p class=\"meta\">").Append(E(VisitSummaryText.Header(s))).Append("</p>");
        if (s.Conditions.Count > 0)
        {
            h.Append("<p>Conditions: ").Append(E(string.Join(", ", s.Conditions))).Append("</p>");
        }

        Section(h, "changes", "What changed since the last visit", s.Changes, "Nothing recorded since then.");
        Section(h, "findings", "Needs action: open safety findings", s.OpenFindings.Select(VisitSummaryText.Finding), "No open contraindication, interaction, dose problem or threshold breach.");
        Section(h, "response", "Is the treatment working?", s.Response.Select(VisitSummaryText.Finding), "No pain drug with scores before and after its start.");
        Section(h, "tests", "Overdue and due tests", s.OverdueTasks.Select(VisitSummaryText.Task), "No test due.");
        Section(h, "medicines", "Current medicines, doses and adherence", s.Medicines.Select(VisitSummaryText.Medicine), "No current medicine recorded.");
        Section(h, "side-effects", "Side effects", s.SideEffects.Select(VisitSummaryText.SideEffect), "None recorded.");
        Section(h, "goals", "The patient's goals", s.Goals.Select(VisitSummaryText.Goal), "No goal recorded.");
        if (s.Pacing.Count > 0)
        {
            Section(h, "pacing", "Pacing (ME/CFS)", s.Pacing, "");
        }

        h.Append("<section id=\"scores\"><h2>Scores over time</h2>");
        if (s.Scores.Count == 0)
        {
            h.Append("<p>No scores on a validated instrument.</p>");
        }

        foreach (var chart in s.Scores)
        {
            h.Append("<figure><figcaption>").Append(E(chart.Title)).Append("</figcaption>");
            if (chart.Points.Count >= 2)
            {
                h.Append("<img alt=\"").Append(E($"{chart.Title} over time; values listed below")).Append("\" src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(ChartImages.Png(chart))).Append("\" width=\"900\" height=\"300\">");
            }

            h.Append("<p class=\"values\">").Append(E(string.Join("; ", chart.Points.Select(p => $"{p.Date:yyyy-MM-dd} {p.Value}")))).Append("</p></figure>");
        }

        h.Append("</section><footer><p class=\"disclaimer\"><strong>Decision support, not a prescription.</strong> ")
            .Append(E(PatientAssessment.Disclaimer)).Append("</p></footer></main></body></html>");
        return h.ToString();
    }

    private static void Section(StringBuilder h, string id, string heading, IEnumerable<string> lines, string none)
    {
        h.Append("<section id=\"").Append(id).Append("\"><h2>").Append(E(heading)).Append("</h2>");
        var items = lines.ToList();
        if (items.Count == 0)
        {
            h.Append("<p>").Append(E(none)).Append("</p>");
        }
        else
        {
            h.Append("<ul>");
            foreach (var line in items)
            {
                h.Append("<li>").Append(E(line)).Append("</li>");
            }

            h.Append("</ul>");
        }

        h.Append("</section>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string StandaloneCss =
        "body{font:11pt/1.45 system-ui,'DejaVu Sans',sans-serif;color:#1b1f24;margin:24px;max-width:960px}" +
        "h1{font-size:1.5rem}h2{font-size:1.15rem;border-bottom:1px solid #c9cfd6;margin-top:20px}" +
        ".meta,.values,.disclaimer{color:#4a525c}img{max-width:100%;height:auto}" +
        "@media print{body{margin:0}section,figure{break-inside:avoid}}";
}
