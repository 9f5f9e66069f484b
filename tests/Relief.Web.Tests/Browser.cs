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
        Assertions.SetDefaultExpectTimeout(60_000);
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

    /// <summary>A fresh page; generous time-outs because the suite may share two cores with a build (tests never fail on timing).</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = viewport ?? Desktop });
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        return page;
    }

    public static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
}

/// <summary>One server and one browser for all the browser tests (starting Chromium costs about a second).</summary>
public sealed class WebFixture : IAsyncLifetime
{
    public WebHost Host { get; } = new();

    public Browser Browser { get; } = new();

    private readonly Dictionary<Account, string> _states = [];

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        await Browser.InitializeAsync();
        foreach (var account in new[] { WebHost.Clinician, WebHost.Patient })
        {
            _states[account] = await SignInStateAsync(account);
        }
    }

    /// <summary>A page in a browser context signed in as <paramref name="account"/> (default the clinician who sees everyone).</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, Account? account = null)
    {
        var context = await NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? Browser.Desktop }, account ?? WebHost.Clinician);
        return await context.NewPageAsync();
    }

    /// <summary>A browser context already signed in (the cookie of one sign-in through the page, reused).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options, Account account)
    {
        if (!_states.TryGetValue(account, out var state))
        {
            _states[account] = state = await SignInStateAsync(account);
        }

        options.StorageState = state;
        var context = await Browser.Chromium.NewContextAsync(options);
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    /// <summary>Signs in through the real sign-in page and keeps the context's cookies.</summary>
    public async Task<string> SignInStateAsync(Account account)
    {
        await using var context = await Browser.Chromium.NewContextAsync();
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, account);
        return await context.StorageStateAsync();
    }

    public async Task SignInAsync(IPage page, Account account)
    {
        await page.GotoAsync($"{Host.BaseUrl}/signin");
        await page.FillAsync("#Name", account.Name);
        await page.FillAsync("#Password", account.Password);
        await page.ClickAsync("form.signin button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>An HTTP client with its own cookies, signed in through the sign-in form when an account is given; redirects are not followed.</summary>
    public async Task<HttpClient> ClientAsync(Account? account = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(Host.BaseUrl),
        };
        if (account is not null)
        {
            var token = await AntiforgeryTokenAsync(client, "/signin");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Name"] = account.Name,
                ["Password"] = account.Password,
                ["__RequestVerificationToken"] = token,
            });
            var answer = await client.PostAsync("/signin", form);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, answer.StatusCode);
        }

        return client;
    }

    /// <summary>The antiforgery token of the form on <paramref name="path"/> (its cookie stays in the client).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success, $"no antiforgery token on {path}");
        return match.Groups[1].Value;
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
