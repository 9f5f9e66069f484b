using System.Net;
using Microsoft.Playwright;

namespace Relief.Web.Tests;

/// <summary>A clinician uploads a bundle and reads the patient page: action first, then options with their sources.</summary>
[Collection(WebCollection.Name)]
[Trait(Requires.Key, Requires.Browser)]
public sealed class AssessPageTests(WebFixture web)
{
    private async Task<IPage> UploadAsync(string sample, ViewportSize viewport, string asOf = "2026-11-21")
    {
        var page = await web.NewPageAsync(viewport);
        await page.GotoAsync(web.Host.BaseUrl + "/");
        await page.SetInputFilesAsync("#bundle", Path.Combine(RepositoryPaths.Samples, sample));
        await page.FillAsync("#asOf", asOf);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForSelectorAsync("h1");
        return page;
    }

    [Fact]
    public async Task The_start_page_offers_an_upload_and_passes_axe()
    {
        var page = await web.NewPageAsync(Browser.Desktop);
        var response = await page.GotoAsync(web.Host.BaseUrl + "/");

        Assert.Equal(200, response!.Status);
        Assert.Contains("script-src 'self'", response.Headers["content-security-policy"], StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("main form input[name=__RequestVerificationToken]")).ToHaveCountAsync(1);
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.Screenshot(page, "start");
    }

    [Fact]
    public async Task An_older_adult_on_an_opioid_a_benzodiazepine_and_a_gabapentinoid_sees_the_interactions_first()
    {
        var page = await UploadAsync("older-adult-opioid-benzo-gabapentinoid.json", Browser.Desktop);

        var first = page.Locator("#action-now .finding").First;
        await Assertions.Expect(first).ToBeVisibleAsync();
        var severities = await page.Locator("#action-now .finding").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.severity)");
        var order = new[] { "contraindicated", "major", "moderate", "info" };
        Assert.Equal(severities.OrderBy(s => Array.IndexOf(order, s)), severities);
        await Assertions.Expect(page.Locator("#action-now")).ToContainTextAsync("benzodiazepine", new() { IgnoreCase = true });
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.Screenshot(page, "assessment-older-adult");
    }

    [Fact]
    public async Task Fibromyalgia_on_long_term_prednisone_shows_corticosteroids_not_recommended_with_a_source_link()
    {
        var page = await UploadAsync("fibromyalgia-long-term-prednisone.json", Browser.Desktop);

        var condition = page.Locator("article.condition").Filter(new() { HasText = "Fibromyalgia" });
        await Assertions.Expect(condition.Locator(".not-recommended")).ToContainTextAsync("orticosteroid");
        var link = condition.Locator("a.source").First;
        var href = await link.GetAttributeAsync("href");
        Assert.StartsWith("http", href, StringComparison.Ordinal);
        await PageChecks.Screenshot(page, "assessment-fibromyalgia");
    }

    [Fact]
    public async Task On_a_phone_the_patient_page_does_not_scroll_sideways()
    {
        var page = await UploadAsync("rheumatoid-arthritis-on-methotrexate.json", Browser.Phone);

        await PageChecks.FitsTheViewport(page);
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.Screenshot(page, "assessment-phone");
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_the_reason_and_a_400()
    {
        using var client = await web.ClientAsync(WebHost.Clinician);
        var start = await client.GetStringAsync(web.Host.BaseUrl + "/");
        var page = await web.NewPageAsync();
        await page.GotoAsync(web.Host.BaseUrl + "/");
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, "{\"resourceType\": \"Bundle\", ");
        await page.SetInputFilesAsync("#bundle", broken);
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("main button[type=submit]"), r => r.Url.EndsWith("/assess", StringComparison.Ordinal));

        Assert.Equal((int)HttpStatusCode.BadRequest, response.Status);
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("could not be assessed");
        Assert.NotEmpty(start);
        File.Delete(broken);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var client = await web.ClientAsync(WebHost.Clinician);
        using var form = new MultipartFormDataContent { { new StringContent("{}"), "bundle", "x.json" } };

        var response = await client.PostAsync(web.Host.BaseUrl + "/assess", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task No_page_carries_inline_script()
    {
        using var client = await web.ClientAsync(WebHost.Clinician);
        foreach (var path in new[] { "/", "/learn", "/learn/fibromyalgia", "/signin", "/worklist" })
        {
            var html = await client.GetStringAsync(web.Host.BaseUrl + path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
        }
    }
}
