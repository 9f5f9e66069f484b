using Microsoft.Playwright;
using Relief.Fhir.Reading;

namespace Relief.Web.Tests;

/// <summary>The worklist and a stored patient's page, from a real SQLite store.</summary>
[Collection(WebCollection.Name)]
[Trait("Needs", "browser")]
public sealed class StoredPatientTests(WebFixture web)
{
    private static string PatientId(string sample) => FhirBundleReader.ReadFile(Path.Combine(RepositoryPaths.Samples, sample)).Record!.Id;

    [Fact]
    public async Task The_worklist_lists_the_open_tasks_of_the_store_most_severe_first_and_opens_the_patient()
    {
        var page = await web.NewPageAsync(Browser.Desktop);
        await page.GotoAsync(web.Host.BaseUrl + "/worklist");

        var rows = page.Locator("table.worklist tbody tr");
        var due = await web.Host.Store.DueTasksAsync(NodaTime.LocalDate.FromDateTime(DateTime.UtcNow), new Relief.Store.Application.PageRequest(1000), "test");
        await Assertions.Expect(rows).ToHaveCountAsync(due.Items.Length);
        Assert.NotEmpty(due.Items);
        var severities = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.severity)");
        var order = new[] { "contraindicated", "major", "moderate", "info" };
        Assert.Equal(severities.OrderBy(s => Array.IndexOf(order, s)), severities);
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.Screenshot(page, "worklist");

        await rows.First.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#action-now")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Filtering_the_worklist_by_kind_keeps_only_that_kind()
    {
        var due = await web.Host.Store.DueTasksAsync(NodaTime.LocalDate.FromDateTime(DateTime.UtcNow), new Relief.Store.Application.PageRequest(1000), "test");
        var kind = due.Items[0].Kind;
        var page = await web.NewPageAsync(Browser.Desktop);
        await page.GotoAsync(web.Host.BaseUrl + "/worklist?kind=" + Uri.EscapeDataString(kind));

        var kinds = await page.Locator("table.worklist tbody tr td:last-child").AllInnerTextsAsync();
        Assert.Equal(due.Items.Count(t => t.Kind == kind), kinds.Count);
        Assert.All(kinds, k => Assert.Equal(kind, k));
    }

    [Fact]
    public async Task A_stored_patient_page_shows_action_now_the_pain_chart_with_the_medication_marker_and_the_courses()
    {
        var id = PatientId("neuropathic-pain-gabapentin-not-working.json");
        var page = await web.NewPageAsync(Browser.Desktop);
        await page.GotoAsync(web.Host.BaseUrl + "/patients/" + id);

        await Assertions.Expect(page.Locator("#working .chart canvas")).ToHaveCountAsync(1);
        var spec = await page.Locator("#working .chart").First.GetAttributeAsync("data-chart");
        Assert.Contains("started", spec, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#courses")).ToContainTextAsync("abapentin");
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.Screenshot(page, "stored-patient");
    }

    [Fact]
    public async Task An_unknown_patient_is_a_404()
    {
        using var client = await web.ClientAsync(WebHost.Clinician);
        var response = await client.GetAsync(web.Host.BaseUrl + "/patients/no-such-patient");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
