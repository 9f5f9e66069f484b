using System.Net;
using System.Text.Json;

namespace Relief.Service.Tests.Support;

/// <summary>Reads an API refusal: its status and the fields its OperationOutcome issues name.</summary>
public static class Outcome
{
    public static async Task<IReadOnlyList<string>> FieldsAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("OperationOutcome", json.RootElement.GetProperty("resourceType").GetString());
        return [.. json.RootElement.GetProperty("issue").EnumerateArray()
            .Where(i => i.TryGetProperty("expression", out _))
            .SelectMany(i => i.GetProperty("expression").EnumerateArray().Select(e => e.GetString()!))];
    }

    public static async Task<string> DiagnosticsAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("issue")[0].GetProperty("diagnostics").GetString()!;
    }
}
