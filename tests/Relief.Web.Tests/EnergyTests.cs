using System.Text.Json;
using Microsoft.Playwright;
using Relief.Store.Diary;

namespace Relief.Web.Tests;

/// <summary>The patient's energy envelope: daily exertion, the crashes that followed within 24-72 h, the crash-free range.</summary>
[Collection(WebCollection.Name)]
[Trait("Needs", "browser")]
public sealed class EnergyTests(WebFixture web)
{
    private static string PatientId => WebHost.PatientIds[1];

    [Fact]
    public async Task Exertion_followed_by_a_crash_is_linked_to_it_and_the_crash_free_days_give_the_range()
    {
        var today = DateTime.UtcNow.Date;
        var heavy = today.AddDays(-10).AddHours(10);
        var crash = heavy.AddHours(34);
        var light = today.AddDays(-5).AddHours(10);
        var nextDay = today.AddDays(-4).AddHours(10); // the day after `light`: the only two days in a row
        var busyButFine = today.AddDays(-20).AddHours(10);
        var tooLate = today.AddDays(-15).AddHours(10); // its crash starts 80 h later: outside the window
        foreach (var input in new DiaryInput[]
        {
            new() { At = heavy, Exertion = 8 },
            new() { At = crash, PemSeverity = 6 },
            new() { At = light, Exertion = 3 },
            new() { At = nextDay, Exertion = 2 },
            new() { At = busyButFine, Exertion = 6 },
            new() { At = tooLate, Exertion = 5 },
            new() { At = tooLate.AddHours(80), PemSeverity = 4 },
        })
        {
            var added = await web.Host.Store.AddDiaryEntryAsync(PatientId, input, "test");
            Assert.True(added.Succeeded, string.Join("; ", added.Errors));
        }

        var page = await web.NewPageAsync(Browser.Phone, WebHost.Patient);
        await page.GotoAsync($"{web.Host.BaseUrl}/diary/{PatientId}/energy");

        await Assertions.Expect(page.Locator("#crash-free")).ToContainTextAsync("at most 6/10");
        await Assertions.Expect(page.Locator("#crash-linked")).ToContainTextAsync("8/10");
        await Assertions.Expect(Row(page, heavy)).ToContainTextAsync("8/10");
        await Assertions.Expect(Row(page, heavy).Locator("td").Nth(3)).ToHaveTextAsync("yes");
        await Assertions.Expect(Row(page, crash).Locator("td").Nth(2)).ToHaveTextAsync("yes, 6/10");
        await Assertions.Expect(Row(page, tooLate).Locator("td").Nth(3)).ToHaveTextAsync("");
        await Assertions.Expect(Row(page, light).Locator("td").Nth(3)).ToHaveTextAsync("");
        await Assertions.Expect(page.Locator(".talk")).ToContainTextAsync("Talk to your clinician");
        await Assertions.Expect(page.Locator("#energy .chart canvas, .chart canvas")).ToHaveCountAsync(1);

        // Every day of the window is on the chart; a day without exertion is an empty value, not left out.
        using var spec = JsonDocument.Parse((await page.Locator(".chart").GetAttributeAsync("data-chart"))!);
        var x = spec.RootElement.GetProperty("x").EnumerateArray().Select(v => v.GetInt64()).ToList();
        var y = spec.RootElement.GetProperty("y").EnumerateArray().ToList();
        Assert.Equal(web.Host.Store.FollowUp.Pacing.RecentCrashDays, x.Count);
        Assert.Equal(8m, y[x.IndexOf(Seconds(heavy))].GetDecimal());
        Assert.Equal(JsonValueKind.Null, y[x.IndexOf(Seconds(heavy.AddDays(2)))].ValueKind);

        // The line joins two days in a row, and breaks across the days with nothing recorded between them.
        await page.WaitForFunctionAsync($"args => ({LinePixels})(args) > 0", new[] { Seconds(light), Seconds(nextDay) });
        Assert.Equal(0, await page.EvaluateAsync<int>(LinePixels, new[] { Seconds(heavy), Seconds(light) }));
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.FitsTheViewport(page);
        await PageChecks.Screenshot(page, "energy-phone");
    }

    /// <summary>Pixels of the series' colour (#0a4fb3) in the canvas column halfway between two days.</summary>
    private const string LinePixels = @"(([a, b]) => {
        const u = document.querySelector('.chart').uplot;
        if (!u) return 0;
        const x = Math.round(u.valToPos((a + b) / 2, 'x', true));
        const d = u.ctx.getImageData(x, Math.round(u.bbox.top), 1, Math.round(u.bbox.height)).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && d[i] < 80 && d[i + 2] > 140 && d[i + 2] - d[i] > 90) n++;
        return n;
    })";

    private static long Seconds(DateTime at) => new DateTimeOffset(DateTime.SpecifyKind(at.Date, DateTimeKind.Utc)).ToUnixTimeSeconds();

    private static ILocator Row(IPage page, DateTime day) =>
        page.Locator("#energy-table tbody tr").Filter(new() { HasText = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
}
