using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Relief.Service.Tests.Support;
using Relief.Store.Persistence;

namespace Relief.Service.Tests.Api;

/// <summary>The diary over HTTP: validation naming the field, ETag / If-Match amendments, paging.</summary>
[Collection(ApiCollection.Name)]
public sealed class DiaryApiTests(ApiHost host)
{
    private HttpClient Patient() => host.Client(host.Tokens.Patient("patient-ra-diary", ApiHost.Ra));

    [Fact]
    public async Task Pain_15_is_400_naming_pain_and_nothing_is_written()
    {
        using var client = Patient();
        var before = await CountAsync(client);

        var response = await client.PostAsync($"/api/patients/{ApiHost.Ra}/diary", Json.Body(new { pain = 15, fatigue = 3 }));

        Assert.Equal(["pain"], await Outcome.FieldsAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal(before, await CountAsync(client));
    }

    [Fact]
    public async Task Several_bad_fields_are_each_named()
    {
        using var client = Patient();

        var response = await client.PostAsync($"/api/patients/{ApiHost.Ra}/diary",
            Json.Body(new { pain = -1, mood = 11, at = DateTime.UtcNow.AddDays(3) }));

        Assert.Equal(["at", "mood", "pain"], (await Outcome.FieldsAsync(response, HttpStatusCode.BadRequest)).Order());
    }

    [Theory]
    [InlineData("{\"pain\": ", "body")]
    [InlineData("{\"pain\": \"severe\"}", "pain")]
    [InlineData("{\"pain\": 4.5}", "pain")]
    [InlineData("{\"pain\": 4, \"painScore\": 4}", "painScore")]
    [InlineData("{\"pain\": 4, \"bodySites\": null}", "bodySites")]
    [InlineData("[1, 2]", "body")]
    public async Task Malformed_json_is_400_naming_the_field_never_500(string body, string field)
    {
        using var client = Patient();

        var response = await client.PostAsync($"/api/patients/{ApiHost.Ra}/diary", Json.Raw(body));

        Assert.Contains(field, await Outcome.FieldsAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        using var client = Patient();

        var response = await client.PostAsync($"/api/patients/{ApiHost.Ra}/diary", Json.Body(new { pain = 2, notes = new string('x', 300 * 1024) }));

        await Outcome.FieldsAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var client = Patient();

        var response = await client.PostAsync($"/api/patients/{ApiHost.Ra}/diary", new StringContent("pain=3"));

        await Outcome.FieldsAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_entry_is_created_with_its_etag_and_location_and_reads_back()
    {
        using var client = Patient();

        var created = await client.PostAsync($"/api/patients/{ApiHost.Ra}/diary", Json.Body(new { pain = 6, fatigue = 5, bodySites = Array.Empty<string>() }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var read = await client.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
        using var json = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
        Assert.Equal(6, json.RootElement.GetProperty("pain").GetInt32());
    }

    [Fact]
    public async Task An_amendment_needs_if_match_refuses_a_stale_etag_and_accepts_the_current_one()
    {
        using var client = Patient();
        var created = await client.PostAsync($"/api/patients/{ApiHost.Ra}/diary", Json.Body(new { pain = 7 }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        var first = created.Headers.ETag!;

        // No If-Match: 428.
        var unconditional = await client.PutAsync(location, Json.Body(new { pain = 5 }));
        Assert.Equal(["If-Match"], await Outcome.FieldsAsync(unconditional, HttpStatusCode.PreconditionRequired));

        // The current ETag: 200, a new ETag, the new value stored.
        var amended = await Put(client, location, first.ToString(), new { pain = 5, reason = "typed 7, meant 5" });
        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        Assert.NotEqual(first, amended.Headers.ETag);
        var entryId = long.Parse(location.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = host.Store.CreateContext())
        {
            var trail = await db.Amendments.AsNoTracking().Where(a => a.EntityType == "DiaryEntry" && a.EntityId == entryId).ToListAsync();
            var amendment = Assert.Single(trail);
            Assert.Equal(("typed 7, meant 5", "patient-ra-diary", "Pain"), (amendment.Reason, amendment.ChangedBy, amendment.ChangedFields));
        }

        // The first ETag again is now stale: 412, and the value stays as amended.
        var stale = await Put(client, location, first.ToString(), new { pain = 2 });
        await Outcome.FieldsAsync(stale, HttpStatusCode.PreconditionFailed);
        using var json = JsonDocument.Parse(await (await client.GetAsync(location)).Content.ReadAsStringAsync());
        Assert.Equal(5, json.RootElement.GetProperty("pain").GetInt32());

        // An ETag that is no version of ours at all is as stale as an old one.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Put(client, location, "\"abc\"", new { pain = 2 })).StatusCode);
    }

    [Fact]
    public async Task An_amendment_of_someone_elses_entry_is_404()
    {
        using var owner = Patient();
        var created = await owner.PostAsync($"/api/patients/{ApiHost.Ra}/diary", Json.Body(new { pain = 3 }));
        using var other = host.Client(host.Tokens.Patient("patient-gnw-sub", ApiHost.Neuropathic));

        var response = await Put(other, created.Headers.Location!, created.Headers.ETag!.ToString(), new { pain = 9 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(created.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task Paging_returns_a_next_cursor_and_the_pages_do_not_overlap()
    {
        using var client = Patient();
        for (var pain = 1; pain <= 3; pain++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/patients/{ApiHost.Ra}/diary", Json.Body(new { pain }))).StatusCode);
        }

        var seen = new List<long>();
        string? next = null;
        var pages = 0;
        do
        {
            var response = await client.GetAsync($"/api/patients/{ApiHost.Ra}/diary?size=2" + (next is null ? "" : $"&after={Uri.EscapeDataString(next)}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items);
            next = json.RootElement.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            pages++;
        }
        while (next is not null);

        Assert.True(pages >= 2, "three entries at two a page make at least two pages");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.OrderDescending(), seen);
        Assert.Equal(await CountAsync(client), seen.Count);
    }

    [Theory]
    [InlineData("size=0")]
    [InlineData("size=1001")]
    [InlineData("size=ten")]
    public async Task A_bad_page_size_is_400_naming_size(string query)
    {
        using var client = Patient();

        var response = await client.GetAsync($"/api/patients/{ApiHost.Ra}/diary?{query}");

        Assert.Equal(["size"], await Outcome.FieldsAsync(response, HttpStatusCode.BadRequest));
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, Uri location, string etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, location) { Content = Json.Body(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
    }

    private static async Task<int> CountAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/patients/{ApiHost.Ra}/diary?size=1000"));
        return json.RootElement.GetProperty("items").GetArrayLength();
    }
}
