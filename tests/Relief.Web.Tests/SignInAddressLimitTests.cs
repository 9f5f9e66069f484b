using System.Net;

namespace Relief.Web.Tests;

/// <summary>
/// The per-address sign-in limit through the real service on loopback, on a host of its own (the limit set to 3)
/// so that locking 127.0.0.1 cannot disturb the other web tests.
/// </summary>
public sealed class SignInAddressLimitTests : IAsyncLifetime
{
    private readonly WebHost _host = new("--Relief:Auth:SignInFailuresPerAddress=3");

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private Task<HttpStatusCode> SignInAsync(string name, string password) => SignInAsync(_host, name, password);

    /// <summary>One sign-in, from <paramref name="forwardedFor"/> as a proxy would name the client when given.</summary>
    internal static async Task<HttpStatusCode> SignInAsync(WebHost host, string name, string password, string? forwardedFor = null)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        var token = await WebFixture.AntiforgeryTokenAsync(client, "/signin");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = name, ["Password"] = password, ["__RequestVerificationToken"] = token });
        return (await client.PostAsync("/signin", form)).StatusCode;
    }

    [Fact]
    public async Task Failures_on_different_names_from_one_address_refuse_that_address_at_the_limit()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("nobody-1", "a-wrong-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(WebHost.Patient.Name, "a-wrong-password"));
        // Below the limit the right password still signs in; that does not clear the address's count.
        Assert.Equal(HttpStatusCode.Redirect, await SignInAsync(WebHost.Clinician.Name, WebHost.Clinician.Password));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("nobody-2", "a-wrong-password"));

        // Three failures, no name more than once: the address is refused, even with a right password.
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(WebHost.Clinician.Name, WebHost.Clinician.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(WebHost.OtherPatient.Name, WebHost.OtherPatient.Password));

        // No proxy is trusted here: a forwarded address is ignored, so it cannot get round the limit.
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(_host, WebHost.Clinician.Name, WebHost.Clinician.Password, "198.51.100.7"));
    }
}

/// <summary>Behind a trusted proxy (Relief:TrustedProxies) the limit counts each forwarded client on its own.</summary>
public sealed class SignInBehindProxyTests : IAsyncLifetime
{
    private readonly WebHost _host = new("--Relief:Auth:SignInFailuresPerAddress=3", "--Relief:TrustedProxies:0=127.0.0.1");

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Each_forwarded_client_has_its_own_limit_and_only_the_proxys_own_entry_counts()
    {
        const string guesser = "203.0.113.5", colleague = "203.0.113.6";
        foreach (var name in new[] { "nobody-1", "nobody-2", "nobody-3" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInAddressLimitTests.SignInAsync(_host, name, "a-wrong-password", guesser));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAddressLimitTests.SignInAsync(_host, WebHost.Clinician.Name, WebHost.Clinician.Password, guesser));
        // Another client behind the same proxy is not refused for the guesser's failures.
        Assert.Equal(HttpStatusCode.Redirect, await SignInAddressLimitTests.SignInAsync(_host, WebHost.Clinician.Name, WebHost.Clinician.Password, colleague));
        // The guesser cannot pose as someone else by writing the header first: the proxy appends the address it saw,
        // and only that last entry is believed.
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAddressLimitTests.SignInAsync(_host, WebHost.Clinician.Name, WebHost.Clinician.Password, $"{colleague}, {guesser}"));
    }
}
