using System.Diagnostics;
using Microsoft.Playwright;
using Relief.Fhir.Reading;

namespace Relief.Web.Tests;

/// <summary>The visit summary, one click from the patient page: a printable page and a PDF that opens and carries the figures.</summary>
[Collection(WebCollection.Name)]
[Trait("Needs", "browser")]
public sealed class SummaryTests(WebFixture web)
{
    private static readonly string Sample = WebHost.StoredSamples[1];

    private static string PatientId => FhirBundleReader.ReadFile(Path.Combine(RepositoryPaths.Samples, Sample)).Record!.Id;

    /// <summary>The pain scores of the sample, as the record gives them (the figures the summary must print).</summary>
    private static IReadOnlyList<decimal> PainScores() =>
        [.. FhirBundleReader.ReadFile(Path.Combine(RepositoryPaths.Samples, Sample)).Record!.Observations
            .Where(o => o.Concept.Codes.Any(c => c.Value == "72514-3") && o.Value is not null)
            .OrderBy(o => o.Effective).Select(o => o.Value!.Value)];

    [Fact]
    public async Task The_summary_page_opens_from_the_patient_page_with_every_section_and_the_scores()
    {
        var page = await web.NewPageAsync(Browser.Desktop);
        await page.GotoAsync($"{web.Host.BaseUrl}/patients/{PatientId}");
        await page.ClickAsync("text=Visit summary");

        foreach (var section in new[] { "#changes", "#findings", "#response", "#tests", "#medicines", "#side-effects", "#goals", "#scores" })
        {
            await Assertions.Expect(page.Locator(section)).ToBeVisibleAsync();
        }

        var values = await page.Locator("#scores .values").First.InnerTextAsync();
        foreach (var score in PainScores())
        {
            Assert.Contains(score.ToString(System.Globalization.CultureInfo.InvariantCulture), values, StringComparison.Ordinal);
        }

        await Assertions.Expect(page.Locator("#scores img")).ToHaveCountAsync(1);
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.Screenshot(page, "visit-summary");
    }

    [Fact]
    public async Task The_summary_pdf_opens_and_its_text_has_the_sections_and_the_figures()
    {
        using var client = await web.ClientAsync(WebHost.Clinician);
        var bytes = await client.GetByteArrayAsync($"{web.Host.BaseUrl}/patients/{PatientId}/summary.pdf");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));

        var file = Path.Combine(RepositoryPaths.Screenshots, "visit-summary.pdf");
        await File.WriteAllBytesAsync(file, bytes);
        var text = await PdfText(file);
        foreach (var heading in new[] { "Visit summary", "What changed since the last visit", "Is the treatment working?", "Current medicines, doses and adherence", "Side effects", "The patient's goals", "Scores over time", "Decision support only" })
        {
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }

        Assert.Contains("gabapentin", text, StringComparison.Ordinal);
        Assert.Contains($"{PainScores()[^1]:0.0}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_summary_for_an_unknown_patient_is_a_404_and_a_bad_since_a_400()
    {
        using var client = await web.ClientAsync(WebHost.Clinician);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"{web.Host.BaseUrl}/patients/nobody/summary.pdf")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync($"{web.Host.BaseUrl}/patients/{PatientId}/summary?since=2999-01-01")).StatusCode);
    }

    /// <summary>The PDF's text as a reader extracts it (poppler's pdftotext), proving it opens and is not an image of text.</summary>
    private static async Task<string> PdfText(string file)
    {
        var start = new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start: install poppler-utils");
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
