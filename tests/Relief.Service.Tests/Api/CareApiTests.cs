using System.Net;
using System.Text.Json;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests.Api;

/// <summary>Courses, adverse events, labs, tasks due and the assessment contract over HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class CareApiTests(ApiHost host)
{
    private HttpClient Clinician() => host.Client(host.Tokens.Clinician("dr-care", ApiHost.Ra, ApiHost.Neuropathic));

    [Fact]
    public async Task A_lab_in_an_unknown_unit_is_400_naming_unit()
    {
        using var client = Clinician();

        var response = await client.PostAsync($"/api/patients/{ApiHost.Ra}/labs",
            Json.Body(new { loincCode = "1742-6", value = 30, unit = "furlongs", effective = "2026-01-10" }));

        Assert.Equal(["unit"], await Outcome.FieldsAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_lab_without_its_required_fields_is_400_not_500()
    {
        using var client = Clinician();

        var response = await client.PostAsync($"/api/patients/{ApiHost.Ra}/labs", Json.Body(new { value = 30 }));

        await Outcome.FieldsAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_lab_is_created_with_an_etag()
    {
        using var client = Clinician();

        var response = await client.PostAsync($"/api/patients/{ApiHost.Ra}/labs",
            Json.Body(new { loincCode = "1742-6", value = 30, unit = "U/L", effective = "2026-01-10" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task A_course_with_a_malformed_drug_code_is_400_naming_drug_and_a_good_one_is_listed()
    {
        using var client = Clinician();

        var bad = await client.PostAsync($"/api/patients/{ApiHost.Neuropathic}/courses",
            Json.Body(new { drugCode = "aspirin", drugName = "Aspirin", start = "2026-01-02" }));
        Assert.Equal(["drug"], await Outcome.FieldsAsync(bad, HttpStatusCode.BadRequest));

        var good = await client.PostAsync($"/api/patients/{ApiHost.Neuropathic}/courses",
            Json.Body(new { drugCode = "rxnorm|72625", drugName = "duloxetine", start = "2026-01-02", dose = new { value = 30, unit = "mg" } }));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/patients/{ApiHost.Neuropathic}/courses"));
        Assert.Contains(json.RootElement.GetProperty("items").EnumerateArray(), c => c.GetProperty("drugName").GetString() == "duloxetine");
    }

    [Fact]
    public async Task An_adverse_event_of_unknown_severity_is_400_naming_severity()
    {
        using var client = Clinician();

        var response = await client.PostAsync($"/api/patients/{ApiHost.Ra}/adverse-events",
            Json.Body(new { onset = "2026-01-05", description = "nausea", severity = "awful" }));

        Assert.Equal(["severity"], await Outcome.FieldsAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task The_assessment_is_the_json_contract_with_its_disclaimer()
    {
        using var client = Clinician();

        var response = await client.GetAsync($"/api/patients/{ApiHost.Ra}/assessment");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("relief-assessment/2", json.RootElement.GetProperty("schema").GetString());
        Assert.Contains("not a prescription", json.RootElement.GetProperty("disclaimer").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("assessment").ValueKind);
    }

    [Fact]
    public async Task Tasks_due_hold_only_the_callers_patients()
    {
        using var narrow = host.Client(host.Tokens.Clinician("dr-narrow", ApiHost.Neuropathic));
        using var wide = host.Client(host.Tokens.ClinicianOfEveryone("dr-wide"));
        const string later = "?asOf=2030-01-01&size=1000";

        var all = await PatientsOfTasksAsync(wide, later);
        var mine = await PatientsOfTasksAsync(narrow, later);

        // The methotrexate patient has monitoring tasks; the narrow panel must not see them.
        Assert.Contains(ApiHost.Ra, all);
        Assert.DoesNotContain(ApiHost.Ra, mine);
    }

    private static async Task<string[]> PatientsOfTasksAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/tasks/due" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("patientId").GetString()!).Distinct()];
    }
}
