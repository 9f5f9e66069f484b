using System.Net;
using System.Text.Json;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests.Api;

/// <summary>Who reaches which record: tokens, roles, panels, and 404 (never 403) for a record out of reach.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorisationTests(ApiHost host)
{
    [Fact]
    public async Task A_patient_reads_their_own_diary()
    {
        using var client = host.Client(host.Tokens.Patient("patient-ra-sub", ApiHost.Ra));

        var response = await client.GetAsync($"/api/patients/{ApiHost.Ra}/diary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("items").ValueKind);
    }

    [Fact]
    public async Task A_patient_gets_404_for_another_patients_record_worded_as_for_one_that_does_not_exist()
    {
        using var client = host.Client(host.Tokens.Patient("patient-ra-sub", ApiHost.Ra));

        var other = await client.GetAsync($"/api/patients/{ApiHost.Neuropathic}/diary");
        var otherPatient = await client.GetAsync($"/api/patients/{ApiHost.Neuropathic}");
        var missing = await client.GetAsync("/api/patients/no-such-patient");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPatient.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((await Outcome.DiagnosticsAsync(missing)).Replace("no-such-patient", "X", StringComparison.Ordinal),
            (await Outcome.DiagnosticsAsync(otherPatient)).Replace(ApiHost.Neuropathic, "X", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_patient_cannot_write_to_another_patients_diary()
    {
        using var client = host.Client(host.Tokens.Patient("patient-ra-sub", ApiHost.Ra));
        var before = (await host.AuditAsync()).Count(a => a.PatientId == ApiHost.Neuropathic && a.Action == "create");

        var response = await client.PostAsync($"/api/patients/{ApiHost.Neuropathic}/diary", Json.Body(new { pain = 3 }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, (await host.AuditAsync()).Count(a => a.PatientId == ApiHost.Neuropathic && a.Action == "create"));
    }

    [Fact]
    public async Task A_clinician_reaches_the_patients_of_their_panel_and_no_other()
    {
        using var client = host.Client(host.Tokens.Clinician("dr-panel-ra", ApiHost.Ra));

        var own = await client.GetAsync($"/api/patients/{ApiHost.Ra}");
        var other = await client.GetAsync($"/api/patients/{ApiHost.Neuropathic}/diary");
        var list = await client.GetAsync("/api/patients");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal([ApiHost.Ra], await Json.IdsAsync(list));
    }

    [Fact]
    public async Task A_clinician_with_panel_star_reaches_every_patient()
    {
        using var client = host.Client(host.Tokens.ClinicianOfEveryone("dr-lead"));

        var list = await client.GetAsync("/api/patients");
        var other = await client.GetAsync($"/api/patients/{ApiHost.Neuropathic}");

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal([ApiHost.Neuropathic, ApiHost.Ra], await Json.IdsAsync(list));
    }

    [Fact]
    public async Task A_patient_listing_patients_sees_only_themselves()
    {
        using var client = host.Client(host.Tokens.Patient("patient-gnw-sub", ApiHost.Neuropathic));

        Assert.Equal([ApiHost.Neuropathic], await Json.IdsAsync(await client.GetAsync("/api/patients")));
    }

    [Fact]
    public async Task No_token_is_401_with_a_bearer_challenge()
    {
        using var client = host.Client();

        var response = await client.GetAsync($"/api/patients/{ApiHost.Ra}/diary");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    public static TheoryData<string> BadTokens() => new()
    {
        "untrusted-key",
        "wrong-issuer",
        "wrong-audience",
        "expired",
        "no-role",
        "unknown-role",
        "patient-without-patient-claim",
        "no-sub",
        "not-a-jwt",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_fails_any_check_is_401(string kind)
    {
        using var stranger = new TokenIssuer();
        var token = kind switch
        {
            "untrusted-key" => stranger.Patient("s", ApiHost.Ra),
            "wrong-issuer" => host.Tokens.Mint(new Dictionary<string, object> { ["sub"] = "s", ["role"] = "patient", ["patient"] = ApiHost.Ra }, issuer: "https://evil.test"),
            "wrong-audience" => host.Tokens.Mint(new Dictionary<string, object> { ["sub"] = "s", ["role"] = "patient", ["patient"] = ApiHost.Ra }, audience: "another-api"),
            "expired" => host.Tokens.Mint(new Dictionary<string, object> { ["sub"] = "s", ["role"] = "patient", ["patient"] = ApiHost.Ra }, expires: DateTime.UtcNow.AddMinutes(-5)),
            "no-role" => host.Tokens.Mint(new Dictionary<string, object> { ["sub"] = "s", ["patient"] = ApiHost.Ra }),
            "unknown-role" => host.Tokens.Mint(new Dictionary<string, object> { ["sub"] = "s", ["role"] = "admin", ["panel"] = "*" }),
            "patient-without-patient-claim" => host.Tokens.Mint(new Dictionary<string, object> { ["sub"] = "s", ["role"] = "patient" }),
            "no-sub" => host.Tokens.Mint(new Dictionary<string, object> { ["role"] = "clinician", ["panel"] = "*" }),
            _ => "not.a.jwt",
        };
        using var client = host.Client(token);

        var response = await client.GetAsync($"/api/patients/{ApiHost.Ra}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_control_token_for_the_bad_token_cases_is_accepted()
    {
        // The same claims as the bad-token cases, correct: proves those fail for the one thing changed.
        using var client = host.Client(host.Tokens.Mint(new Dictionary<string, object> { ["sub"] = "s", ["role"] = "patient", ["patient"] = ApiHost.Ra }));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/patients/{ApiHost.Ra}")).StatusCode);
    }

    [Fact]
    public async Task Every_read_and_write_is_audited_under_the_tokens_sub()
    {
        const string sub = "audit-probe-7f3a";
        using var client = host.Client(host.Tokens.Patient(sub, ApiHost.Ra));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/patients/{ApiHost.Ra}/diary")).StatusCode);
        var created = await client.PostAsync($"/api/patients/{ApiHost.Ra}/diary", Json.Body(new { pain = 4, fatigue = 6 }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/patients/{ApiHost.Neuropathic}")).StatusCode);

        var mine = (await host.AuditAsync()).Where(a => a.Actor == sub).ToList();
        Assert.Contains(mine, a => a is { Action: "read", PatientId: ApiHost.Ra, EntityType: "DiaryEntry" });
        Assert.Contains(mine, a => a is { Action: "create", PatientId: ApiHost.Ra, EntityType: "DiaryEntry" });
        // The refused read of another record disclosed nothing, so it is no read in the trail.
        Assert.DoesNotContain(mine, a => a.PatientId == ApiHost.Neuropathic);
    }
}
