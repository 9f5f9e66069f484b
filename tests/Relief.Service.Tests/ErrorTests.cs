using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests;

/// <summary>Bad requests get a 4xx OperationOutcome naming what is wrong; a failure of Relief's own is a 500 carrying the correlation id, logged with it.</summary>
public sealed class ErrorTests(ErrorTests.Service service) : IClassFixture<ErrorTests.Service>
{
    public sealed class Service : IDisposable
    {
        public ReliefFactory Factory { get; } = new(settings: new Dictionary<string, string?> { ["Relief:MaxRequestBodyBytes"] = "200000" });

        public void Dispose() => Factory.Dispose();
    }

    private async Task<(int Status, string Code, string? Expression, string Diagnostics)> PostAsync(string body, string serviceId = "relief-patient-view")
    {
        var response = await service.Factory.CreateClient().PostAsync($"/cds-services/{serviceId}", CdsRequests.Json(body));
        var json = await Responses.JsonAsync(response, response.StatusCode);
        var (code, expression, diagnostics) = Responses.Outcome(json);
        return ((int)response.StatusCode, code, expression, diagnostics);
    }

    private static string Valid(string hook = "patient-view") => CdsRequests.FromSample("fibromyalgia-on-duloxetine.json", hook).ToJsonString();

    [Fact]
    public async Task Malformed_JSON_is_400_with_line_and_byte()
    {
        var (status, code, _, diagnostics) = await PostAsync("{\"hook\": \"patient-view\", \"context\": {");
        Assert.Equal(400, status);
        Assert.Equal("structure", code);
        Assert.Contains("malformed JSON at line 1", diagnostics);
    }

    [Fact]
    public async Task A_stray_closing_brace_is_400_naming_the_trailing_content()
    {
        var (status, _, _, diagnostics) = await PostAsync(Valid() + "\n}");
        Assert.Equal(400, status);
        Assert.Contains("trailing content after the JSON document", diagnostics);
    }

    [Fact]
    public async Task The_wrong_hook_for_the_service_is_422()
    {
        var (status, code, expression, _) = await PostAsync(Valid("patient-view"), "relief-order-sign");
        Assert.Equal(422, status);
        Assert.Equal("not-supported", code);
        Assert.Equal("hook", expression);
    }

    [Theory]
    [InlineData("patientId", "context.patientId")]
    [InlineData("userId", "context.userId")]
    public async Task A_missing_context_field_is_400_naming_it(string field, string expression)
    {
        var request = JsonNode.Parse(Valid())!;
        request["context"]!.AsObject().Remove(field);
        var (status, code, named, _) = await PostAsync(request.ToJsonString());
        Assert.Equal(400, status);
        Assert.Equal("required", code);
        Assert.Equal(expression, named);
    }

    [Fact]
    public async Task A_mistyped_context_field_is_400_naming_it()
    {
        var request = JsonNode.Parse(Valid("order-sign"))!;
        request["context"]!["draftOrders"] = "MedicationRequest/1";
        var (status, _, expression, _) = await PostAsync(request.ToJsonString(), "relief-order-sign");
        Assert.Equal(400, status);
        Assert.Equal("context.draftOrders", expression);
    }

    [Fact]
    public async Task An_unknown_service_is_404()
    {
        var (status, code, _, _) = await PostAsync(Valid(), "relief-nothing");
        Assert.Equal(404, status);
        Assert.Equal("not-found", code);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_with_and_without_content_length()
    {
        var big = "{\"hook\":\"patient-view\",\"pad\":\"" + new string('x', 300_000) + "\"}";
        Assert.Equal(413, (await PostAsync(big)).Status);
        var client = service.Factory.CreateClient();
        var response = await client.PostAsync("/cds-services/relief-patient-view", new ChunkedContent(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_prefetch_about_another_patient_is_422_naming_it()
    {
        var request = JsonNode.Parse(Valid())!;
        request["prefetch"]!["patient"]!["id"] = "someone-else";
        var (status, _, expression, diagnostics) = await PostAsync(request.ToJsonString());
        Assert.Equal(422, status);
        Assert.Equal("prefetch", expression);
        Assert.Contains("someone-else", diagnostics);
    }

    [Fact]
    public async Task An_unexpected_failure_is_500_with_the_correlation_id_and_is_logged_with_it()
    {
        using var failing = service.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new BrokenClock())));
        var client = failing.CreateClient();
        client.DefaultRequestHeaders.Add("X-Correlation-ID", "test-correlation-0001");
        var response = await client.PostAsync("/cds-services/relief-patient-view", CdsRequests.Json(Valid()));
        var outcome = await Responses.JsonAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal("test-correlation-0001", Responses.CorrelationOf(outcome));
        Assert.DoesNotContain("at Relief", outcome.ToString());
        Assert.Contains(service.Factory.Log.Lines, l => l.Contains("\"CorrelationId\":\"test-correlation-0001\"", StringComparison.Ordinal) && l.Contains("Unexpected", StringComparison.Ordinal));
    }

    private sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("clock broken for the test");
    }

    private sealed class ChunkedContent(string body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(body)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
