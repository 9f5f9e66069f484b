using Microsoft.Playwright;
using Relief.Store.Application;
using Relief.Web.Diary;

namespace Relief.Web.Tests;

/// <summary>The validated questionnaires in the diary: scored into the store's instruments, offline included.</summary>
[Collection(WebCollection.Name)]
[Trait("Needs", "browser")]
public sealed class DiaryQuestionnaireTests(WebFixture web)
{
    private static string PatientId => WebHost.PatientIds[1];

    private async Task<DiaryEntryView?> StoredWithNote(string note)
    {
        var diary = await web.Host.Store.DiaryAsync(PatientId, new PageRequest(500), "test");
        // The list leaves instrument answers out; the single entry carries them.
        return diary.Value!.Items.SingleOrDefault(e => e.Notes == note) is { } entry
            ? (await web.Host.Store.GetDiaryEntryAsync(entry.Id, "test")).Value!.Entry
            : null;
    }

    [Fact]
    public async Task A_PEG_answered_offline_is_stored_once_as_its_mean_when_back_online()
    {
        var context = await web.NewContextAsync(new() { ViewportSize = Browser.Phone }, WebHost.Patient);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{web.Host.BaseUrl}/diary/{PatientId}");
        await context.SetOfflineAsync(true);

        var note = $"peg {Guid.NewGuid():N}";
        await page.ClickAsync("#form-peg summary");
        await page.ClickAsync("label[for=peg-pain-4]");
        await page.ClickAsync("label[for=peg-enjoyment-6]");
        await page.ClickAsync("label[for=peg-activity-8]");
        await page.FillAsync("#Notes", note);
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("#queued")).ToContainTextAsync("1 entry saved on this device");
        Assert.Null(await StoredWithNote(note));

        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#recent")).ToContainTextAsync(note);
        // The recent-entries list shows the score beside the entry, in the form's words.
        await Assertions.Expect(page.Locator("#recent li").Filter(new() { HasText = note })).ToContainTextAsync("PEG 6/10");
        var stored = await StoredWithNote(note);
        var peg = Assert.Single(stored!.Measurements);
        Assert.Equal(("peg", 6m), (peg.InstrumentId, peg.Value));
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.FitsTheViewport(page);
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_DSQ_PEM_counts_the_items_at_least_moderate_and_at_least_half_the_time_without_javascript()
    {
        var context = await web.NewContextAsync(new() { ViewportSize = Browser.Phone, JavaScriptEnabled = false }, WebHost.Patient);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{web.Host.BaseUrl}/diary/{PatientId}");
        await page.ClickAsync("#form-dsq-pem summary");
        // Items 1 and 3 meet both criteria; item 2 is frequent but mild; item 4 severe but rare; item 5 absent.
        var answers = new (int Item, int Frequency, int Severity)[] { (1, 2, 2), (2, 4, 1), (3, 3, 4), (4, 1, 4), (5, 0, 0) };
        foreach (var (item, frequency, severity) in answers)
        {
            await page.ClickAsync($"label[for=dsq-{item}-frequency-{frequency}]");
            await page.ClickAsync($"label[for=dsq-{item}-severity-{severity}]");
        }

        await page.ClickAsync("#form-promis-pain-intensity summary");
        await page.ClickAsync("label[for=promis-worst-4]");
        var note = $"dsq {Guid.NewGuid():N}";
        await page.FillAsync("#Notes", note);
        await PageChecks.Screenshot(page, "diary-questionnaires-phone");
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("#diary-status")).ToContainTextAsync("Saved.");
        var recent = page.Locator("#recent li").Filter(new() { HasText = note });
        await Assertions.Expect(recent).ToContainTextAsync("DSQ-PEM 2 of 5 items");
        await Assertions.Expect(recent).ToContainTextAsync("Worst pain (7 days): Severe");
        await PageChecks.Screenshot(page, "diary-recent-scores-phone");

        var stored = await StoredWithNote(note);
        Assert.Equal(
            [("dsq-pem", 2m), ("promis-pain-intensity-worst", 4m)],
            stored!.Measurements.Select(m => (m.InstrumentId, m.Value)).Order().ToList());
        await context.CloseAsync();
    }

    [Fact]
    public async Task PROMIS_fatigue_7a_filled_on_a_phone_is_stored_as_the_T_score_of_its_raw_sum()
    {
        var context = await web.NewContextAsync(new() { ViewportSize = Browser.Phone }, WebHost.Patient);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{web.Host.BaseUrl}/diary/{PatientId}");
        await page.ClickAsync("#form-promis-fatigue-7a summary");
        // Often, Sometimes, Often, Sometimes, Rarely, Never (4+3+4+3+2+1), and "Rarely" enough energy to exercise,
        // which the form scores 4 (the item is reversed): raw 21.
        foreach (var (question, label) in new[] { ("tired", "Often"), ("exhaustion", "Sometimes"), ("run-out", "Often"), ("limit-work", "Sometimes"), ("think", "Rarely"), ("bath", "Never"), ("exercise", "Rarely") })
        {
            await page.Locator($"#form-promis-fatigue-7a label[for^='fatigue-{question}-']").Filter(new() { HasText = label }).ClickAsync();
        }

        var note = $"fatigue {Guid.NewGuid():N}";
        await page.FillAsync("#Notes", note);
        await PageChecks.FitsTheViewport(page);
        await PageChecks.Screenshot(page, "diary-promis-fatigue-phone");
        await page.ClickAsync("main button[type=submit]");
        var expected = DiaryFormsTests.FatigueTableRow(21);
        var recent = page.Locator("#recent li").Filter(new() { HasText = note });
        await Assertions.Expect(recent).ToContainTextAsync($"Fatigue (PROMIS 7a) T-score {expected.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}");

        var stored = await StoredWithNote(note);
        var fatigue = Assert.Single(stored!.Measurements);
        Assert.Equal(("promis-fatigue-7a", expected), (fatigue.InstrumentId, fatigue.Value));
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_half_answered_PEG_is_refused_naming_the_questionnaire_and_nothing_is_stored()
    {
        var page = await web.NewPageAsync(Browser.Phone, WebHost.Patient);
        await page.GotoAsync($"{web.Host.BaseUrl}/diary/{PatientId}");
        var note = $"half {Guid.NewGuid():N}";

        var answer = await page.EvaluateAsync<string>(@"async (note) => {
            const form = document.getElementById('diary-form');
            const token = form.querySelector('input[name=__RequestVerificationToken]').value;
            const r = await fetch(form.dataset.sync, { method: 'POST', headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
                body: JSON.stringify({ at: new Date().toISOString(), notes: note, answers: { 'peg-pain': 5 } }) });
            return r.status + ' ' + await r.text();
        }", note);

        Assert.StartsWith("400", answer, StringComparison.Ordinal);
        Assert.Contains("peg", answer, StringComparison.Ordinal);
        Assert.Null(await StoredWithNote(note));
    }
}
