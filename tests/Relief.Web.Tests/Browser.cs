using Microsoft.Playwright;

namespace Relief.Web.Tests;

/// <summary>
/// Debian's Chromium, headless, launched once per test class through Playwright (no browser download:
/// the package's bundled driver talks to /usr/bin/chromium). RELIEF_CHROMIUM overrides the path.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("RELIEF_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException($"Chromium not found at {ExecutablePath}: install Debian's chromium (apt-get install chromium) or set RELIEF_CHROMIUM");
        }

        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    public static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
}

/// <summary>One server and one browser for all the browser tests (starting Chromium costs about a second).</summary>
public sealed class WebFixture : IAsyncLifetime
{
    public WebHost Host { get; } = new();

    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
