using Microsoft.Playwright;

namespace Relief.Web.Tests;

/// <summary>Plain-language pages on conditions and treatments, from the knowledge base with its sources, never advice to start or stop.</summary>
[Collection(WebCollection.Name)]
[Trait(Requires.Key, Requires.Browser)]
public sealed class LearnPageTests(WebFixture web)
{
    [Fact]
    public async Task Every_condition_in_the_knowledge_base_is_listed()
    {
        var page = await web.NewPageAsync(Browser.Phone, WebHost.Patient);
        await page.GotoAsync(web.Host.BaseUrl + "/learn");

        var names = await page.Locator("ul.conditions a").AllInnerTextsAsync();
        Assert.Equal(web.Host.Knowledge.Conditions.Select(c => c.Name).Order(StringComparer.Ordinal), names);
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.FitsTheViewport(page);
        await PageChecks.Screenshot(page, "learn");
    }

    [Fact]
    public async Task The_fibromyalgia_page_says_each_grade_in_plain_words_with_its_source_and_tells_to_talk_to_the_clinician()
    {
        var page = await web.NewPageAsync(Browser.Phone, WebHost.Patient);
        await page.GotoAsync(web.Host.BaseUrl + "/learn/fibromyalgia");

        await Assertions.Expect(page.Locator(".caveat")).ToContainTextAsync("talk to your clinician");
        var statements = web.Host.Knowledge.EffectiveStatements["fibromyalgia"];
        Assert.Equal(statements.Length, await page.Locator("article.treatment li").CountAsync());
        Assert.Equal(statements.Length, await page.Locator("article.treatment li .sources").CountAsync());
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.Screenshot(page, "learn-fibromyalgia");
    }

    [Fact]
    public async Task A_treatment_page_explains_how_it_works_from_the_knowledge_base()
    {
        var drug = web.Host.Knowledge.Drugs.Values.First(d => d.Id == "duloxetine");
        var page = await web.NewPageAsync(Browser.Desktop);
        await page.GotoAsync(web.Host.BaseUrl + "/learn/treatments/duloxetine");

        var mechanism = web.Host.Knowledge.Describe(drug.Id).Mechanism;
        Assert.False(string.IsNullOrEmpty(mechanism));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(mechanism!);
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.Screenshot(page, "learn-duloxetine");
    }

    [Fact]
    public async Task An_unknown_condition_is_a_404()
    {
        using var client = await web.ClientAsync();
        var response = await client.GetAsync(web.Host.BaseUrl + "/learn/not-a-condition");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
