using System.Text.Json;
using Microsoft.Playwright;
using Relief.Fhir.Reading;

namespace Relief.Web.Tests;

/// <summary>"Is it working?": the pain scores over time as a chart with the medication marker, and the same values as a table.</summary>
[Collection(WebCollection.Name)]
[Trait("Needs", "browser")]
public sealed class ChartTests(WebFixture web)
{
    private const string Sample = "neuropathic-pain-gabapentin-not-working.json";

    [Fact]
    public async Task The_pain_chart_carries_every_score_and_the_gabapentin_start_marker_and_is_drawn()
    {
        var record = FhirBundleReader.ReadFile(Path.Combine(RepositoryPaths.Samples, Sample)).Record!;
        var instrumentCodes = web.Host.Knowledge.Safety.InstrumentsByCode.Keys.ToHashSet();
        var scores = record.Observations.Count(o => o.Value is not null && o.Concept.Codes.Any(instrumentCodes.Contains));
        var gabapentin = record.Medications.First(m => (m.Medication.Text ?? string.Join(" ", m.Medication.Displays.Values)).Contains("abapentin", StringComparison.Ordinal));

        var page = await web.NewPageAsync(Browser.Desktop);
        await page.GotoAsync(web.Host.BaseUrl + "/");
        await page.SetInputFilesAsync("#bundle", Path.Combine(RepositoryPaths.Samples, Sample));
        await page.FillAsync("#asOf", "2026-11-21");
        await page.ClickAsync("main button[type=submit]");

        var chart = page.Locator("#working .chart").First;
        await Assertions.Expect(chart.Locator("canvas")).ToHaveCountAsync(1);
        using var spec = JsonDocument.Parse((await chart.GetAttributeAsync("data-chart"))!);
        Assert.Equal(scores, spec.RootElement.GetProperty("y").GetArrayLength());
        var markers = spec.RootElement.GetProperty("markers").EnumerateArray().Select(m => m.GetProperty("label").GetString()).ToList();
        Assert.Contains(markers, m => m!.StartsWith("started", StringComparison.Ordinal) && m.Contains("abapentin", StringComparison.Ordinal));
        Assert.Equal(scores, await page.Locator("#working figure table tbody tr").CountAsync());
        Assert.NotNull(gabapentin.Start);
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.Screenshot(page, "assessment-is-it-working");
    }
}
