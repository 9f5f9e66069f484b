using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Relief.Web.Tests;

/// <summary>
/// The diary on a slow 3G connection (Chrome DevTools' "Slow 3G" profile through CDP
/// Network.emulateNetworkConditions): what it transfers stays under the 100 KB target and the form still
/// submits. Usability is asserted, never timing; the bytes are written to artifacts/ for docs/performance.md.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Needs", "browser")]
public sealed class SlowNetworkTests(WebFixture web, ITestOutputHelper output)
{
    /// <summary>DevTools' Slow 3G: 2 s round trip, about 400 kbit/s each way.</summary>
    private static readonly Dictionary<string, object> Slow3G = new()
    {
        ["offline"] = false,
        ["latency"] = 2000,
        ["downloadThroughput"] = 500 * 1024 / 8 * 0.8,
        ["uploadThroughput"] = 500 * 1024 / 8 * 0.8,
    };

    [Fact]
    public async Task On_slow_3G_the_diary_loads_under_100_kilobytes_and_an_entry_is_saved()
    {
        var context = await web.NewContextAsync(new() { ViewportSize = Browser.Phone }, WebHost.Patient);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
        await cdp.SendAsync("Network.emulateNetworkConditions", Slow3G);
        long transferred = 0;
        var requests = 0;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is JsonElement body && body.TryGetProperty("encodedDataLength", out var length))
            {
                Interlocked.Add(ref transferred, (long)length.GetDouble());
                Interlocked.Increment(ref requests);
            }
        };

        await page.GotoAsync($"{web.Host.BaseUrl}/diary/{WebHost.PatientIds[1]}", new() { WaitUntil = WaitUntilState.Load });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var loaded = Interlocked.Read(ref transferred);
        output.WriteLine($"diary page on slow 3G: {loaded} bytes transferred in {requests} responses");
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        await File.WriteAllTextAsync(Path.Combine(RepositoryPaths.Screenshots, "..", "slow-3g-diary.txt"), $"{loaded} bytes in {requests} responses\n");
        Assert.InRange(loaded, 1, 100_000);

        var note = $"slow {Guid.NewGuid():N}";
        await page.ClickAsync("label[for=Pain-2]");
        await page.FillAsync("#Notes", note);
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("#recent")).ToContainTextAsync(note);
        await context.CloseAsync();
    }
}
