using Microsoft.Playwright;
using Relief.Fhir.Reading;
using Relief.Store.Application;

namespace Relief.Web.Tests;

/// <summary>The patient's diary on a phone: a quick entry, an entry made offline that syncs once, retries never duplicate.</summary>
[Collection(WebCollection.Name)]
[Trait("Needs", "browser")]
public sealed class DiaryTests(WebFixture web)
{
    private static string PatientId => FhirBundleReader.ReadFile(Path.Combine(RepositoryPaths.Samples, WebHost.StoredSamples[1])).Record!.Id;

    private async Task<int> StoredWithNote(string note)
    {
        var diary = await web.Host.Store.DiaryAsync(PatientId, new PageRequest(500), "test");
        return diary.Value!.Items.Count(e => e.Notes == note);
    }

    [Fact]
    public async Task An_entry_made_offline_is_kept_on_the_phone_and_synced_once_when_back_online()
    {
        var context = await web.NewContextAsync(new() { ViewportSize = Browser.Phone }, WebHost.Patient);
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{web.Host.BaseUrl}/diary/{PatientId}");

        var online = $"online {Guid.NewGuid():N}";
        await page.ClickAsync("label[for=Pain-4]");
        await page.FillAsync("#Notes", online);
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("#recent")).ToContainTextAsync(online);

        await context.SetOfflineAsync(true);
        var offline = $"offline {Guid.NewGuid():N}";
        await page.ClickAsync("label[for=Pain-6]");
        await page.FillAsync("#Notes", offline);
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("#queued")).ToContainTextAsync("1 entry saved on this device");
        Assert.Equal(0, await StoredWithNote(offline));

        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#recent")).ToContainTextAsync(offline);
        Assert.Equal(1, await StoredWithNote(offline));
        Assert.Equal(1, await StoredWithNote(online));
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.FitsTheViewport(page);
        await PageChecks.Screenshot(page, "diary-phone");
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_same_entry_sent_twice_is_stored_once()
    {
        var page = await web.NewPageAsync(Browser.Phone, WebHost.Patient);
        await page.GotoAsync($"{web.Host.BaseUrl}/diary/{PatientId}");
        var note = $"retry {Guid.NewGuid():N}";

        var answers = await page.EvaluateAsync<bool[]>(@"async (note) => {
            const form = document.getElementById('diary-form');
            const token = form.querySelector('input[name=__RequestVerificationToken]').value;
            const entry = JSON.stringify({ at: new Date().toISOString(), pain: 3, notes: note });
            const send = () => fetch(form.dataset.sync, { method: 'POST', headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token }, body: entry }).then(r => r.json());
            const first = await send();
            const second = await send();
            return [first.duplicate, second.duplicate];
        }", note);

        Assert.Equal([false, true], answers);
        Assert.Equal(1, await StoredWithNote(note));
    }

    [Fact]
    public async Task An_out_of_range_score_is_refused_naming_the_field()
    {
        var page = await web.NewPageAsync(Browser.Phone, WebHost.Patient);
        await page.GotoAsync($"{web.Host.BaseUrl}/diary/{PatientId}");

        var answer = await page.EvaluateAsync<string>(@"async () => {
            const form = document.getElementById('diary-form');
            const token = form.querySelector('input[name=__RequestVerificationToken]').value;
            const r = await fetch(form.dataset.sync, { method: 'POST', headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token }, body: JSON.stringify({ at: new Date().toISOString(), pain: 15 }) });
            return r.status + ' ' + await r.text();
        }");

        Assert.StartsWith("400", answer, StringComparison.Ordinal);
        Assert.Contains("pain", answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_javascript_the_form_posts_and_redirects()
    {
        var context = await web.NewContextAsync(new() { ViewportSize = Browser.Phone, JavaScriptEnabled = false }, WebHost.Patient);
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{web.Host.BaseUrl}/diary/{PatientId}");
        var note = $"plain {Guid.NewGuid():N}";

        await page.ClickAsync("label[for=Fatigue-7]");
        await page.FillAsync("#Notes", note);
        await page.ClickAsync("main button[type=submit]");

        await Assertions.Expect(page.Locator("#diary-status")).ToContainTextAsync("Saved.");
        Assert.Equal(1, await StoredWithNote(note));
        await context.CloseAsync();
    }

    [Fact]
    public async Task Recent_entries_are_in_the_order_of_the_time_they_describe_and_a_backdated_one_says_when_it_was_recorded()
    {
        // The first sample's diary: the other diary tests write to the second.
        var patient = WebHost.PatientIds[0];
        var now = DateTime.UtcNow;
        var later = $"later {Guid.NewGuid():N}";
        var backdated = $"backdated {Guid.NewGuid():N}";
        Assert.True((await web.Host.Store.AddDiaryEntryAsync(patient, new() { At = now.AddMinutes(-1), Pain = 2, Notes = later }, "test")).Succeeded);
        // Recorded second, but about three hours ago: it belongs below the first.
        Assert.True((await web.Host.Store.AddDiaryEntryAsync(patient, new() { At = now.AddHours(-3), Pain = 7, Notes = backdated }, "test")).Succeeded);

        var page = await web.NewPageAsync(Browser.Phone, WebHost.OtherPatient);
        await page.GotoAsync($"{web.Host.BaseUrl}/diary/{patient}");

        var items = await page.Locator("#recent li").AllInnerTextsAsync();
        var laterAt = items.ToList().FindIndex(t => t.Contains(later, StringComparison.Ordinal));
        var backdatedAt = items.ToList().FindIndex(t => t.Contains(backdated, StringComparison.Ordinal));
        Assert.True(laterAt >= 0 && backdatedAt > laterAt, string.Join(" | ", items));
        Assert.Contains("(recorded ", items[backdatedAt], StringComparison.Ordinal);
        Assert.DoesNotContain("(recorded ", items[laterAt], StringComparison.Ordinal);
        // The list as a whole runs from the latest described time down.
        var described = await page.Locator("#recent li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.at)");
        Assert.Equal(described.OrderByDescending(a => DateTime.Parse(a, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)), described);
    }

    [Fact]
    public async Task The_diary_page_transfers_under_100_kilobytes()
    {
        var page = await web.NewPageAsync(Browser.Phone, WebHost.Patient);
        long bytes = 0;
        page.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue("content-length", out var length) && long.TryParse(length, out var n))
            {
                Interlocked.Add(ref bytes, n);
            }
        };
        var html = await page.GotoAsync($"{web.Host.BaseUrl}/diary/{PatientId}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        bytes += (await html!.BodyAsync()).Length;

        Assert.InRange(bytes, 1, 100_000);
    }
}
