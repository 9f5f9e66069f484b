using System.Net;
using System.Text;
using System.Text.Json;

namespace Relief.Service.Tests.Support;

public static class Json
{
    public static StringContent Body(object value) => Raw(JsonSerializer.Serialize(value));

    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The ids of a page of patients.</summary>
    public static async Task<string[]> IdsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];
    }
}
