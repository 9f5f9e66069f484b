using System.Net;
using Microsoft.Playwright;
using Relief.Store.Application;
using Relief.Web.SignIn;

namespace Relief.Web.Tests;

/// <summary>
/// Sign-in for the pages: nobody reaches a record without signing in, a patient reaches only their own diary,
/// a clinician their panel; wrong passwords, missing antiforgery tokens and removed accounts are refused.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Needs", "browser")]
public sealed class SignInTests(WebFixture web)
{
    private static string Own => WebHost.PatientIds[1];

    private static string Other => WebHost.PatientIds[0];

    [Theory]
    [InlineData("/")]
    [InlineData("/worklist")]
    [InlineData("/patients")]
    [InlineData("/patients/{own}")]
    [InlineData("/patients/{own}/summary")]
    [InlineData("/patients/{own}/summary.pdf")]
    [InlineData("/diary/{own}")]
    public async Task Without_signing_in_a_page_with_a_record_sends_you_to_sign_in(string path)
    {
        using var client = await web.ClientAsync();

        var response = await client.GetAsync(path.Replace("{own}", Own, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plain_language_pages_stay_public()
    {
        using var client = await web.ClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/learn")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/learn/fibromyalgia")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_has_no_sign_in_link_in_its_header_and_other_public_pages_keep_it()
    {
        using var client = await web.ClientAsync();

        var signIn = await client.GetStringAsync("/signin");
        var learn = await client.GetStringAsync("/learn");

        Assert.DoesNotContain("class=\"signin-link\"", signIn, StringComparison.Ordinal);
        Assert.Contains("class=\"signin-link\"", learn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patient_signs_in_on_a_phone_lands_on_their_diary_and_records_an_entry()
    {
        var context = await web.Browser.Chromium.NewContextAsync(new() { ViewportSize = Browser.Phone });
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{web.Host.BaseUrl}/signin");
        await PageChecks.NoSeriousAccessibilityViolations(page);
        await PageChecks.FitsTheViewport(page);
        await PageChecks.Screenshot(page, "signin-phone");

        await web.SignInAsync(page, WebHost.Patient);
        Assert.EndsWith($"/diary/{Own}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("header.site .who")).ToHaveTextAsync(WebHost.Patient.Name);
        await Assertions.Expect(page.Locator("header.site nav")).Not.ToContainTextAsync("Worklist");

        var note = $"signed-in {Guid.NewGuid():N}";
        await page.ClickAsync("label[for=Pain-5]");
        await page.FillAsync("#Notes", note);
        await page.ClickAsync("#diary-form button[type=submit]");
        await Assertions.Expect(page.Locator("#recent")).ToContainTextAsync(note);

        var diary = await web.Host.Store.DiaryAsync(Own, new PageRequest(500), "test");
        var stored = Assert.Single(diary.Value!.Items, e => e.Notes == note);
        Assert.Equal(5, stored.Pain);
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_patient_cannot_open_another_patients_diary_or_the_clinicians_pages()
    {
        using var client = await web.ClientAsync(WebHost.Patient);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/diary/{Own}")).StatusCode);
        foreach (var path in new[] { $"/diary/{Other}", $"/diary/{Other}/energy", "/worklist", "/patients", $"/patients/{Own}", $"/patients/{Other}/summary.pdf" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden || response.Headers.Location?.AbsolutePath == "/forbidden",
                $"{path}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task A_patient_cannot_write_into_another_patients_diary_even_with_a_valid_token()
    {
        using var client = await web.ClientAsync(WebHost.Patient);
        var token = await WebFixture.AntiforgeryTokenAsync(client, $"/diary/{Own}");
        var note = $"intruder {Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/diary/{Other}?handler=Sync")
        {
            Content = JsonContent($"{{\"at\":\"{DateTime.UtcNow:O}\",\"pain\":3,\"notes\":\"{note}\"}}"),
        };
        request.Headers.Add("RequestVerificationToken", token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var diary = await web.Host.Store.DiaryAsync(Other, new PageRequest(500), "test");
        Assert.DoesNotContain(diary.Value!.Items, e => e.Notes == note);
    }

    [Fact]
    public async Task A_clinician_with_a_panel_sees_only_their_patients()
    {
        using var client = await web.ClientAsync(WebHost.PanelClinician);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/patients/{Other}")).StatusCode);
        var list = await client.GetStringAsync("/patients");
        Assert.Contains(Other, list, StringComparison.Ordinal);
        Assert.DoesNotContain(Own, list, StringComparison.Ordinal);
        var outside = await client.GetAsync($"/patients/{Own}");
        Assert.Equal("/forbidden", outside.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/patients/{Own}/summary")).StatusCode);
    }

    [Fact]
    public async Task A_clinician_opens_a_patient_from_the_worklist_and_signs_out()
    {
        var page = await web.NewPageAsync(Browser.Desktop, WebHost.Clinician);
        await page.GotoAsync($"{web.Host.BaseUrl}/patients");
        await page.ClickAsync($"a[href='/patients/{Own}']");
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.EndsWith($"/patients/{Own}", page.Url, StringComparison.Ordinal);

        await page.ClickAsync("form.signout button");
        await page.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("signed out");
        await page.GotoAsync($"{web.Host.BaseUrl}/patients/{Own}");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_removes_the_diary_pages_kept_on_the_device_for_offline_use()
    {
        var context = await web.Browser.Chromium.NewContextAsync(new() { ViewportSize = Browser.Phone });
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await web.SignInAsync(page, WebHost.Patient);
        await page.ReloadAsync(); // the service worker, registered on the first visit, now keeps the page
        await page.WaitForFunctionAsync("async () => (await caches.keys()).includes('relief-diary-v1') && !!(await (await caches.open('relief-diary-v1')).match(location.pathname))");

        await page.ClickAsync("form.signout button");
        await page.WaitForURLAsync(url => url.Contains("signedOut", StringComparison.Ordinal));

        await page.WaitForFunctionAsync("async () => !(await caches.keys()).includes('relief-diary-v1')");
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_which_part_was_wrong()
    {
        using var client = await web.ClientAsync();
        foreach (var (name, password) in new[] { (WebHost.Patient.Name, "not-the-password"), ("nobody-here", WebHost.Patient.Password) })
        {
            var token = await WebFixture.AntiforgeryTokenAsync(client, "/signin");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = name, ["Password"] = password, ["__RequestVerificationToken"] = token });

            var response = await client.PostAsync("/signin", form);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("name and password were not recognised", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/diary/{Own}")).StatusCode);
    }

    [Fact]
    public async Task After_five_wrong_passwords_even_the_right_one_is_refused_for_a_while()
    {
        var account = new Account($"guess-{Guid.NewGuid():N}"[..16], "the-right-password-1");
        WebHost.Add(web.Host.Users, new WebUser { Name = account.Name, PasswordHash = "", Role = WebRoles.Patient, Patient = Own }, account);
        using var client = await web.ClientAsync();
        async Task<HttpStatusCode> Attempt(string password)
        {
            var token = await WebFixture.AntiforgeryTokenAsync(client, "/signin");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = account.Name, ["Password"] = password, ["__RequestVerificationToken"] = token });
            return (await client.PostAsync("/signin", form)).StatusCode;
        }

        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await Attempt($"wrong-{i}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await Attempt(account.Password));
        // Another account is not affected.
        using var other = await web.ClientAsync(WebHost.OtherPatient);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/diary/{Other}")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_without_the_antiforgery_token_is_refused()
    {
        using var client = await web.ClientAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = WebHost.Patient.Name, ["Password"] = WebHost.Patient.Password });

        var response = await client.PostAsync("/signin", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_return_address_elsewhere_is_ignored()
    {
        using var client = await web.ClientAsync();
        var token = await WebFixture.AntiforgeryTokenAsync(client, "/signin");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = WebHost.Clinician.Name, ["Password"] = WebHost.Clinician.Password, ["ReturnUrl"] = "https://evil.example/", ["__RequestVerificationToken"] = token,
        });

        var response = await client.PostAsync("/signin", form);

        Assert.Equal("/worklist", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Removing_an_account_ends_its_session()
    {
        var account = new Account($"temp-{Guid.NewGuid():N}"[..16], "temporary-password-1");
        WebHost.Add(web.Host.Users, new WebUser { Name = account.Name, PasswordHash = "", Role = WebRoles.Patient, Patient = Own }, account);
        using var client = await web.ClientAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/diary/{Own}")).StatusCode);

        Assert.True(web.Host.Users.Remove(account.Name));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/diary/{Own}")).StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(web.Host.BaseUrl) };
        var signin = await client.GetAsync("/signin");
        var antiforgery = signin.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var token = System.Text.RegularExpressions.Regex.Match(await signin.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = WebHost.Patient.Name, ["Password"] = WebHost.Patient.Password, ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("Cookie", antiforgery);

        var response = await client.SendAsync(request);

        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(WebSignIn.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
