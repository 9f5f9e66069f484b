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
        Assert.Equal("relief-assessment/3", json.RootElement.GetProperty("schema").GetString());
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

    [Fact]
    public async Task A_course_dose_change_and_stop_need_the_current_etag()
    {
        using var client = Clinician();
        var started = await client.PostAsync($"/api/patients/{ApiHost.Neuropathic}/courses",
            Json.Body(new { drugCode = "rxnorm|72625", drugName = "duloxetine", start = "2026-01-02", dose = new { value = 30, unit = "mg" } }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        using var course = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        var id = course.RootElement.GetProperty("id").GetInt64();
        var first = started.Headers.ETag!.ToString();

        var unconditional = await client.PostAsync($"/api/courses/{id}/dose-changes", Json.Body(new { from = "2026-02-01", dose = new { value = 60, unit = "mg" } }));
        Assert.Equal(["If-Match"], await Outcome.FieldsAsync(unconditional, HttpStatusCode.PreconditionRequired));

        var changed = await Send(client, $"/api/courses/{id}/dose-changes", first, new { from = "2026-02-01", dose = new { value = 60, unit = "mg" } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(first, changed.Headers.ETag!.ToString());

        var stale = await Send(client, $"/api/courses/{id}/stop", first, new { stop = "2026-03-01", reason = "nausea" });
        await Outcome.FieldsAsync(stale, HttpStatusCode.PreconditionFailed);

        var noReason = await Send(client, $"/api/courses/{id}/stop", changed.Headers.ETag!.ToString(), new { stop = "2026-03-01", reason = " " });
        Assert.Equal(["reason"], await Outcome.FieldsAsync(noReason, HttpStatusCode.BadRequest));

        var stopped = await Send(client, $"/api/courses/{id}/stop", changed.Headers.ETag!.ToString(), new { stop = "2026-03-01", reason = "nausea" });
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        using var json = JsonDocument.Parse(await stopped.Content.ReadAsStringAsync());
        Assert.Equal("past", json.RootElement.GetProperty("use").GetString());

        // Another clinician's patient's course: not found, whatever the ETag.
        using var outsider = host.Client(host.Tokens.Clinician("dr-elsewhere", ApiHost.Ra));
        Assert.Equal(HttpStatusCode.NotFound, (await Send(outsider, $"/api/courses/{id}/stop", stopped.Headers.ETag!.ToString(), new { stop = "2026-03-02", reason = "x" })).StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string path, string etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json.Body(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
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
