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

    private async Task<HttpStatusCode> SignInAsync(string name, string password)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(_host.BaseUrl) };
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
    }
}
