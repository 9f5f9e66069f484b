using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Relief.Bulk.Output;
using Relief.Bulk.Tests.Support;

namespace Relief.Bulk.Tests;

/// <summary>A manifest URL on a real HTTP server (Kestrel on 127.0.0.1): the files it lists are fetched and screened.</summary>
public sealed class ScreenHttpManifestTests(SampleExport export) : IClassFixture<SampleExport>
{
    [Fact]
    public async Task A_manifest_url_on_loopback_is_screened_like_the_local_export()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        var files = Directory.GetFiles(export.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        app.MapGet("/export/manifest.json", (HttpContext context) =>
        {
            var output = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
            {
                ["type"] = f!.Split('.')[0],
                ["url"] = $"{context.Request.Scheme}://{context.Request.Host}/export/files/{f}",
            })]);
            return Results.Text(new JsonObject { ["requiresAccessToken"] = false, ["output"] = output, ["error"] = new JsonArray() }.ToJsonString(), "application/json");
        });
        app.MapGet("/export/files/{name}", (string name) =>
            files.Contains(name) ? Results.File(Path.Combine(export.Directory, name), "application/fhir+ndjson") : Results.NotFound());
        await app.StartAsync();
        var address = app.Urls.Single();
        Assert.StartsWith("http://127.0.0.1:", address);

        using var temp = new TempDirectory();
        var run = await Task.Run(() => ReliefProcess.Run("screen", $"{address}/export/manifest.json", "--out", temp.Path, "--as-of", SampleExport.AsOf));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(File.ReadAllBytes(export.BaselineRows), File.ReadAllBytes(Path.Combine(temp.Path, ScreenOutputs.Rows)));
        await app.StopAsync();
    }
}
