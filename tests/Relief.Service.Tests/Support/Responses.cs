using System.Net;
using System.Text.Json;

namespace Relief.Service.Tests.Support;

public static class Responses
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static List<JsonElement> Cards(JsonElement response) => [.. response.GetProperty("cards").EnumerateArray()];

    /// <summary>An OperationOutcome's error issue: its code, expression and diagnostics.</summary>
    public static (string Code, string? Expression, string Diagnostics) Outcome(JsonElement outcome)
    {
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        var issue = outcome.GetProperty("issue")[0];
        var expression = issue.TryGetProperty("expression", out var e) ? e[0].GetString() : null;
        return (issue.GetProperty("code").GetString()!, expression, issue.GetProperty("diagnostics").GetString()!);
    }

    /// <summary>The correlation id the OperationOutcome carries (its informational issue).</summary>
    public static string CorrelationOf(JsonElement outcome) =>
        outcome.GetProperty("issue").EnumerateArray().Select(i => i.GetProperty("diagnostics").GetString()!)
            .Single(d => d.StartsWith("correlation id ", StringComparison.Ordinal))["correlation id ".Length..];

    /// <summary>Requirement 3: no JSON value in the response is null, an empty string, an empty array or an empty object.</summary>
    public static void AssertNoNullOrEmpty(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                Assert.Fail($"{path} is null");
                break;
            case JsonValueKind.String:
                Assert.False(element.GetString()!.Length == 0, $"{path} is an empty string");
                break;
            case JsonValueKind.Object:
                Assert.True(element.EnumerateObject().Any(), $"{path} is an empty object");
                foreach (var property in element.EnumerateObject())
                {
                    AssertNoNullOrEmpty(property.Value, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                // An empty cards array is the one exception the specification makes (no guidance).
                Assert.True(element.GetArrayLength() > 0 || path == "$.cards", $"{path} is an empty array");
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    AssertNoNullOrEmpty(item, $"{path}[{i++}]");
                }

                break;
        }
    }
}
