using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relief.Service.Hosting;

namespace Relief.Web.Tests;

/// <summary>--insecure-no-auth: the pages open without sign-in, and every page says so loudly.</summary>
public sealed class InsecureModeTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("relief-insecure-").FullName;
    private WebApplication? _app;
    private string _base = "";

    public async Task InitializeAsync()
    {
        _app = ServiceHost.Build(
            ["--Relief:Port=0", $"--Relief:Store={Path.Combine(_folder, "relief.db")}", "--Relief:Auth:InsecureNoAuth=true",
             $"--Relief:Auth:WebUsers={Path.Combine(_folder, "none.json")}", $"--Relief:Knowledge={Path.Combine(RepositoryPaths.Root, "knowledge")}"],
            builder => builder.Logging.ClearProviders());
        await _app.StartAsync();
        _base = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    [Fact]
    public async Task The_clinician_pages_open_without_sign_in_under_a_banner_that_says_so()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_base) };

        var response = await client.GetAsync("/worklist");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Insecure development mode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_accounts_file_is_not_a_crash_in_secure_mode_either()
    {
        // The same file in secure mode: sign-in answers 503 with a sentence, never a stack trace.
        var users = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(users, "{ broken");
        var secure = ServiceHost.Build(
            ["--Relief:Port=0", $"--Relief:Store={Path.Combine(_folder, "relief2.db")}", $"--Relief:Auth:WebUsers={users}",
             $"--Relief:Knowledge={Path.Combine(RepositoryPaths.Root, "knowledge")}"],
            builder => builder.Logging.ClearProviders());
        await secure.StartAsync();
        try
        {
            var address = secure.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(address) };
            var token = await WebFixture.AntiforgeryTokenAsync(client, "/signin");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "x", ["Password"] = "long-enough-password", ["__RequestVerificationToken"] = token });

            var response = await client.PostAsync("/signin", form);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("Sign-in is not available", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await secure.DisposeAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
