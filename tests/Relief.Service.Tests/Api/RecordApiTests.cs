using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests.Api;

/// <summary>Goals, adherence, FHIR import and export, and the amendment trail over HTTP, with the same ETag and reach rules.</summary>
[Collection(ApiCollection.Name)]
public sealed class RecordApiTests(ApiHost host)
{
    private HttpClient Clinician() => host.Client(host.Tokens.Clinician("dr-records", ApiHost.Ra, ApiHost.Neuropathic));

    private HttpClient Outsider() => host.Client(host.Tokens.Clinician("dr-outside", "someone-else"));

    [Fact]
    public async Task A_goal_is_validated_created_with_an_etag_listed_and_its_status_change_needs_the_current_etag()
    {
        using var client = Clinician();

        var outOfRange = await client.PostAsync($"/api/patients/{ApiHost.Neuropathic}/goals", Json.Body(new { text = "Less pain", start = "2026-01-02", instrumentId = "pain-nrs", targetValue = 12 }));
        Assert.Equal(["target"], await Outcome.FieldsAsync(outOfRange, HttpStatusCode.BadRequest));

        var created = await client.PostAsync($"/api/patients/{ApiHost.Neuropathic}/goals", Json.Body(new { text = "Sleep through the night", start = "2026-01-02", instrumentId = "pain-nrs", targetValue = 3 }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var goal = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = goal.RootElement.GetProperty("id").GetInt64();
        var first = created.Headers.ETag!.ToString();
        using (var list = JsonDocument.Parse(await client.GetStringAsync($"/api/patients/{ApiHost.Neuropathic}/goals")))
        {
            Assert.Contains(list.RootElement.GetProperty("items").EnumerateArray(), g => g.GetProperty("id").GetInt64() == id && g.GetProperty("comparator").GetString() == "<=");
        }

        var unconditional = await client.PutAsync($"/api/goals/{id}/status", Json.Body(new { lifecycle = "completed" }));
        Assert.Equal(["If-Match"], await Outcome.FieldsAsync(unconditional, HttpStatusCode.PreconditionRequired));
        var changed = await Put(client, $"/api/goals/{id}/status", first, new { lifecycle = "completed", achievement = "achieved", reason = "reported at visit" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var stale = await Put(client, $"/api/goals/{id}/status", first, new { lifecycle = "active" });
        await Outcome.FieldsAsync(stale, HttpStatusCode.PreconditionFailed);
        var unknownStatus = await Put(client, $"/api/goals/{id}/status", changed.Headers.ETag!.ToString(), new { lifecycle = "done" });
        Assert.Equal(["lifecycle"], await Outcome.FieldsAsync(unknownStatus, HttpStatusCode.BadRequest));

        var history = await client.GetAsync($"/api/goals/{id}/history");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        using var trail = JsonDocument.Parse(await history.Content.ReadAsStringAsync());
        var amendment = Assert.Single(trail.RootElement.GetProperty("amendments").EnumerateArray());
        Assert.Equal("reported at visit", amendment.GetProperty("reason").GetString());

        using var outsider = Outsider();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/goals/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/patients/{ApiHost.Neuropathic}/goals")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Put(outsider, $"/api/goals/{id}/status", changed.Headers.ETag!.ToString(), new { lifecycle = "active" })).StatusCode);
    }

    [Fact]
    public async Task Adherence_is_taken_partly_or_missed_and_anything_else_is_400()
    {
        using var client = Clinician();
        var started = await client.PostAsync($"/api/patients/{ApiHost.Neuropathic}/courses",
            Json.Body(new { drugCode = "rxnorm|72625", drugName = "duloxetine", start = "2026-01-02", dose = new { value = 30, unit = "mg" } }));
        using var course = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        var id = course.RootElement.GetProperty("id").GetInt64();

        var vague = await client.PostAsync($"/api/courses/{id}/adherence", Json.Body(new { date = "2026-01-03", adherence = "sometimes" }));
        var numeric = await client.PostAsync($"/api/courses/{id}/adherence", Json.Body(new { date = "2026-01-03", adherence = "1" }));
        var future = await client.PostAsync($"/api/courses/{id}/adherence", Json.Body(new { date = "2099-01-03", adherence = "taken" }));
        var partly = await client.PostAsync($"/api/courses/{id}/adherence", Json.Body(new { date = "2026-01-03", adherence = "partly" }));
        using var outsider = Outsider();
        var elsewhere = await outsider.PostAsync($"/api/courses/{id}/adherence", Json.Body(new { date = "2026-01-04", adherence = "taken" }));

        Assert.Equal(["adherence"], await Outcome.FieldsAsync(vague, HttpStatusCode.BadRequest));
        Assert.Equal(["adherence"], await Outcome.FieldsAsync(numeric, HttpStatusCode.BadRequest));
        Assert.Equal(["date"], await Outcome.FieldsAsync(future, HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Created, partly.StatusCode);
        using var totals = JsonDocument.Parse(await partly.Content.ReadAsStringAsync());
        Assert.Equal((0, 1, 0), (totals.RootElement.GetProperty("taken").GetInt32(), totals.RootElement.GetProperty("partly").GetInt32(), totals.RootElement.GetProperty("missed").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task A_patient_is_exported_as_a_FHIR_bundle_only_to_who_may_reach_them()
    {
        using var client = Clinician();
        using var outsider = Outsider();

        var export = await client.GetAsync($"/api/patients/{ApiHost.Ra}/export");
        var refused = await outsider.GetAsync($"/api/patients/{ApiHost.Ra}/export");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/fhir+json", export.Content.Headers.ContentType!.MediaType);
        using var bundle = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        Assert.Equal("Bundle", bundle.RootElement.GetProperty("resourceType").GetString());
        Assert.Contains(bundle.RootElement.GetProperty("entry").EnumerateArray(), e => e.GetProperty("resource").GetProperty("id").GetString() == ApiHost.Ra);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task A_bundle_is_imported_by_a_clinician_of_that_patient_idempotently_and_refused_otherwise()
    {
        var bundle = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, "rheumatoid-arthritis-on-methotrexate.json"));
        using var client = Clinician();
        using var outsider = Outsider();
        using var patient = host.Client(host.Tokens.Patient("pat-ra", ApiHost.Ra));

        var again = await client.PostAsync("/api/bundles", Fhir(bundle));
        var notTheirs = await outsider.PostAsync("/api/bundles", Fhir(bundle));
        var byPatient = await patient.PostAsync("/api/bundles", Fhir(bundle));
        var notFhir = await client.PostAsync("/api/bundles", Fhir(Encoding.UTF8.GetBytes("{\"resourceType\":\"Patient\"}")));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var report = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal((0, 0), (report.RootElement.GetProperty("created").GetInt32(), report.RootElement.GetProperty("updated").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byPatient.StatusCode);
        await Outcome.FieldsAsync(notFhir, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_course_history_lists_the_dose_change()
    {
        using var client = Clinician();
        var started = await client.PostAsync($"/api/patients/{ApiHost.Ra}/courses",
            Json.Body(new { drugCode = "rxnorm|72625", drugName = "duloxetine", start = "2026-01-02", dose = new { value = 30, unit = "mg" } }));
        using var course = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        var id = course.RootElement.GetProperty("id").GetInt64();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/courses/{id}/dose-changes") { Content = Json.Body(new { from = "2026-02-01", dose = new { value = 60, unit = "mg" } }) };
        request.Headers.TryAddWithoutValidation("If-Match", started.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        var history = await client.GetAsync($"/api/courses/{id}/history");
        var missing = await client.GetAsync("/api/courses/999999/history");

        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal("W/\"2\"", history.Headers.ETag!.ToString());
        using var trail = JsonDocument.Parse(await history.Content.ReadAsStringAsync());
        var amendment = Assert.Single(trail.RootElement.GetProperty("amendments").EnumerateArray());
        Assert.Equal(1, amendment.GetProperty("replacedVersion").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static ByteArrayContent Fhir(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        return content;
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string path, string etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json.Body(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
    }
}
