using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Relief.Web.Tests;

/// <summary>What every page must pass: axe-core finds no serious or critical WCAG violation, nothing scrolls sideways on a phone, and a screenshot is kept.</summary>
public static class PageChecks
{
    public static async Task NoSeriousAccessibilityViolations(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    public static async Task FitsTheViewport(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow} px");
    }

    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, name + ".png"), FullPage = true });
}
