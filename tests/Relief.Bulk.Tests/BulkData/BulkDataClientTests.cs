using System.Collections.Concurrent;
using System.Text.Json;
using Relief.Bulk.BulkData;
using Relief.Bulk.Synthesis;
using Relief.Bulk.Tests.Synthesis;

namespace Relief.Bulk.Tests.BulkData;

/// <summary>A synthetic export served by the loopback endpoint, made once for the class.</summary>
public sealed class SynthExportFixture
{
    public SynthExportFixture()
    {
        Directory = SynthKit.TempDirectory("bulk-source");
        SynthKit.Generate(Directory, 400, 21, CohortMix.Enriched);
    }

    public string Directory { get; }
}

/// <summary>
/// The Bulk Data client against a real HTTP endpoint on 127.0.0.1. Waits are recorded instead of slept, so the
/// tests assert that Retry-After was honoured without timing anything.
/// </summary>
[Trait("Category", "Loopback")]
public sealed class BulkDataClientTests(SynthExportFixture source) : IClassFixture<SynthExportFixture>
{
    private static readonly string[] Types = ["Patient", "Condition", "MedicationRequest", "Observation"];

    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private readonly ConcurrentQueue<string> _progress = new();

    [Fact]
    public async Task System_export_polls_honouring_Retry_After_and_downloads_every_file_checked()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, new ServerBehaviour());
        var output = SynthKit.TempDirectory("export");

        var result = await Client().ExportAsync(new ExportRequest(server.BaseUrl), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(["/fhir/$export"], server.KickOffs);
        Assert.Equal(["respond-async"], server.PreferHeaders);
        // Poll 1: 202 Retry-After 1; poll 2: 429 Retry-After 2; poll 3: 202 Retry-After 1; poll 4: the manifest.
        // Each of the 4 files: one 429 with Retry-After 3 first.
        Assert.Equal(4, server.Polls);
        Assert.Equal([1, 1, 2, 3, 3, 3, 3], _waits.Select(w => w.TotalSeconds).Order());
        Assert.Contains(_progress, p => p.Contains("exporting, poll 1", StringComparison.Ordinal));

        foreach (var type in Types)
        {
            var file = result.Files.Single(f => f.Type == type);
            Assert.Equal(File.ReadAllBytes(Path.Combine(source.Directory, $"{type}.ndjson")), File.ReadAllBytes(Path.Combine(output, file.LocalFile)));
            Assert.Equal(file.ManifestCount, file.Lines);
        }

        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, BulkDataClient.ManifestFile)));
        var entries = manifest.RootElement.GetProperty("output").EnumerateArray().ToList();
        Assert.Equal(Types.Order(), entries.Select(e => e.GetProperty("type").GetString()).Order());
        Assert.All(entries, e => Assert.True(File.Exists(Path.Combine(output, e.GetProperty("url").GetString()!))));
    }

    [Theory]
    [InlineData(ExportLevel.Patient, null, "/fhir/Patient/$export")]
    [InlineData(ExportLevel.Group, "frail-elderly", "/fhir/Group/frail-elderly/$export")]
    [InlineData(ExportLevel.System, null, "/fhir/$export")]
    public async Task Level_type_and_since_reach_the_server(ExportLevel level, string? group, string path)
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, new ServerBehaviour { PollsBeforeReady = 0, StatusTooManyRequestsOnce = false, FileTooManyRequestsOnce = false });
        var request = new ExportRequest(server.BaseUrl, level, group) { Types = ["Patient", "MedicationRequest"], Since = "2026-01-01T00:00:00Z" };

        var result = await Client().ExportAsync(request, SynthKit.TempDirectory("levels"));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal([$"{path}?_type=Patient%2CMedicationRequest&_since=2026-01-01T00%3A00%3A00Z"], server.KickOffs);
    }

    [Fact]
    public async Task A_file_of_the_wrong_resource_type_is_rejected_with_file_and_line()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, new ServerBehaviour { WrongTypeFor = "Observation" });
        var output = SynthKit.TempDirectory("wrong-type");

        var result = await Client().ExportAsync(new ExportRequest(server.BaseUrl), output);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems.Where(p => p.Message.StartsWith("line", StringComparison.Ordinal)).Take(1));
        Assert.StartsWith("Observation-1.ndjson", problem.Where, StringComparison.Ordinal);
        Assert.Equal("line 1: resourceType Patient, expected Observation", problem.Message);
        Assert.Contains(result.Problems, p => p.Message == "400 line(s) in all are not Observation resources");
        Assert.True(File.Exists(Path.Combine(output, "Observation-1.ndjson.rejected")));
        Assert.False(File.Exists(Path.Combine(output, "Observation-1.ndjson")));
        // The other files are fine and are the only ones in the local manifest.
        Assert.Equal(["Condition", "MedicationRequest", "Patient"], result.Files.Select(f => f.Type).Order());
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, BulkDataClient.ManifestFile)));
        Assert.DoesNotContain(manifest.RootElement.GetProperty("output").EnumerateArray(), e => e.GetProperty("type").GetString() == "Observation");
    }

    [Fact]
    public async Task A_count_that_disagrees_with_the_manifest_is_reported()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, new ServerBehaviour { CountOffFor = "Condition", PollsBeforeReady = 0 });
        var lines = File.ReadAllLines(Path.Combine(source.Directory, "Condition.ndjson")).Length;

        var result = await Client().ExportAsync(new ExportRequest(server.BaseUrl), SynthKit.TempDirectory("count"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal($"{lines} resources, the manifest says {lines + 1}", problem.Message);
        Assert.DoesNotContain(result.Files, f => f.Type == "Condition");
    }

    [Fact]
    public async Task A_killed_export_resumes_from_the_saved_status_URL_without_a_second_kick_off()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, new ServerBehaviour());
        var output = SynthKit.TempDirectory("resume");

        // The first run is killed while it waits for the second poll.
        using var kill = new CancellationTokenSource();
        var killed = new BulkDataClient(Http, new BulkDataClientOptions { Delay = (_, _) => { kill.Cancel(); return Task.FromCanceled(kill.Token); } });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed.ExportAsync(new ExportRequest(server.BaseUrl), output, kill.Token));
        Assert.True(File.Exists(Path.Combine(output, "export-status.json")));
        Assert.Equal(1, server.Polls);

        var result = await Client().ExportAsync(new ExportRequest(server.BaseUrl), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.True(result.Resumed);
        Assert.Single(server.KickOffs);
        Assert.Equal(4, result.Files.Count);
    }

    [Fact]
    public async Task A_completed_export_is_not_asked_for_again()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, new ServerBehaviour { PollsBeforeReady = 0 });
        var output = SynthKit.TempDirectory("complete");
        Assert.True((await Client().ExportAsync(new ExportRequest(server.BaseUrl), output)).Succeeded);
        var polls = server.Polls;

        var again = await Client().ExportAsync(new ExportRequest(server.BaseUrl), output);

        Assert.True(again.Succeeded);
        Assert.Equal(polls, server.Polls);
        Assert.Single(server.KickOffs);
        Assert.Equal(Types.Order(), again.Files.Select(f => f.Type).Order());
    }

    [Fact]
    public async Task An_unreachable_server_is_a_clear_problem_not_an_exception()
    {
        // A port nothing listens on: bind one, read its number, close it.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Client().ExportAsync(new ExportRequest(new Uri($"http://127.0.0.1:{port}/fhir")), SynthKit.TempDirectory("down"));

        Assert.False(result.Succeeded);
        Assert.Contains("cannot reach the server", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    private static readonly HttpClient Http = new();

    private BulkDataClient Client() => new(Http, new BulkDataClientOptions
    {
        Delay = (wait, _) =>
        {
            _waits.Enqueue(wait);
            return Task.CompletedTask;
        },
        Progress = new SynchronousProgress(_progress),
    });

    private sealed class SynchronousProgress(ConcurrentQueue<string> into) : IProgress<string>
    {
        public void Report(string value) => into.Enqueue(value);
    }
}
