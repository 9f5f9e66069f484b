using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Relief.Bulk.BulkData;
using Relief.Bulk.Tests.Support;
using Relief.Bulk.Tests.Synthesis;

namespace Relief.Bulk.Tests.BulkData;

/// <summary>
/// The Bulk Data client against the loopback endpoint: bearer tokens (static, and SMART Backend Services with a
/// signed assertion the server verifies), the DELETE of the status URL once done, and gzip (Content-Encoding, and
/// files served as <c>.ndjson.gz</c>).
/// </summary>
[Trait("Category", "Loopback")]
public sealed class BulkDataAuthAndGzipTests(SynthExportFixture source) : IClassFixture<SynthExportFixture>
{
    private static readonly string[] Types = ["Patient", "Condition", "MedicationRequest", "Observation"];
    private static readonly HttpClient Http = new();

    private static readonly ServerBehaviour Quick = new() { PollsBeforeReady = 1, StatusTooManyRequestsOnce = false, FileTooManyRequestsOnce = false };

    private readonly ConcurrentQueue<string> _progress = new();

    [Fact]
    public async Task A_static_token_is_sent_on_every_request_and_the_export_is_deleted_when_done()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, Quick with { BearerToken = "s3cret" });

        var result = await Client(new StaticAccessToken("s3cret")).ExportAsync(new ExportRequest(server.BaseUrl), SynthKit.TempDirectory("token"));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Empty(server.Unauthorised);
        Assert.Equal(Types.Order(), result.Files.Select(f => f.Type).Order());
        Assert.Equal(["/status/job-1"], server.Deletes);
        Assert.Contains(_progress, p => p.StartsWith("deleted the export on the server", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_token_the_refusal_is_a_clear_problem_and_nothing_is_deleted()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, Quick with { BearerToken = "s3cret" });

        var result = await Client(new StaticAccessToken("wrong")).ExportAsync(new ExportRequest(server.BaseUrl), SynthKit.TempDirectory("no-token"));

        Assert.False(result.Succeeded);
        Assert.StartsWith("HTTP 401", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.Empty(server.Deletes);
    }

    [Fact]
    public async Task SMART_backend_services_signs_an_assertion_for_a_token_and_gets_a_new_one_on_401()
    {
        using var key = RSA.Create(2048);
        using var publicKey = RSA.Create();
        publicKey.ImportRSAPublicKey(key.ExportRSAPublicKey(), out _);
        await using var server = await BulkDataTestServer.StartAsync(
            source.Directory, Quick with { BearerToken = "t-123", SmartClient = ("relief-screen", publicKey), ExpireTokenOnFirstFileRequest = true });
        using var tokens = new SmartBackendServicesToken(server.BaseUrl, "relief-screen", key.ExportPkcs8PrivateKeyPem(), "system/*.read");

        var result = await Client(tokens).ExportAsync(new ExportRequest(server.BaseUrl), SynthKit.TempDirectory("smart"));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        // One token for the kick-off, polls and first requests; each file's 401 (an expired token) gets a new one.
        Assert.Equal(1 + Types.Length, server.Assertions.Count);
        Assert.All(server.Scopes, s => Assert.Equal("system/*.read", s));
        Assert.Equal(server.Assertions.Count, server.Assertions.Select(a => a.GetProperty("jti").GetString()).Distinct().Count());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.All(server.Assertions, a => Assert.InRange(a.GetProperty("exp").GetInt64() - now, 200, 300));
        Assert.Equal(Types.Length, server.Unauthorised.Count);
        Assert.All(server.Unauthorised, path => Assert.StartsWith("/files/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signing_key_the_server_does_not_know_gives_no_token_and_a_clear_problem()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        using var publicKey = RSA.Create();
        publicKey.ImportRSAPublicKey(other.ExportRSAPublicKey(), out _);
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, Quick with { BearerToken = "t-123", SmartClient = ("relief-screen", publicKey) });
        using var tokens = new SmartBackendServicesToken(server.BaseUrl, "relief-screen", key.ExportPkcs8PrivateKeyPem(), "system/*.read");

        var result = await Client(tokens).ExportAsync(new ExportRequest(server.BaseUrl), SynthKit.TempDirectory("smart-bad"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("access token", problem.Where);
        Assert.Contains("HTTP 400", problem.Message, StringComparison.Ordinal);
        Assert.Empty(server.KickOffs);
    }

    [Fact]
    public async Task A_rejected_export_is_not_deleted_so_it_can_be_resumed()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, Quick with { CountOffFor = "Condition" });

        var result = await Client(null).ExportAsync(new ExportRequest(server.BaseUrl), SynthKit.TempDirectory("kept"));

        Assert.False(result.Succeeded);
        Assert.Empty(server.Deletes);
    }

    [Fact]
    public async Task Gzip_encoded_downloads_are_stored_decompressed()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, Quick with { GzipEncoding = true });
        var output = SynthKit.TempDirectory("gzip-encoding");

        var result = await Client(null).ExportAsync(new ExportRequest(server.BaseUrl), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(Types.Length, server.GzipEncodedResponses);
        foreach (var file in result.Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(source.Directory, $"{file.Type}.ndjson")), File.ReadAllBytes(Path.Combine(output, file.LocalFile)));
        }
    }

    [Fact]
    public async Task Ndjson_gz_files_are_stored_as_served_and_checked_decompressed()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, Quick with { GzipFiles = true });
        var output = SynthKit.TempDirectory("gzip-files");

        var result = await Client(null).ExportAsync(new ExportRequest(server.BaseUrl), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        foreach (var file in result.Files)
        {
            Assert.EndsWith(".ndjson.gz", file.LocalFile, StringComparison.Ordinal);
            Assert.Equal(file.ManifestCount, file.Lines);
            using var unzipped = new GZipStream(File.OpenRead(Path.Combine(output, file.LocalFile)), CompressionMode.Decompress);
            using var copy = new MemoryStream();
            unzipped.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(Path.Combine(source.Directory, $"{file.Type}.ndjson")), copy.ToArray());
        }

        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, BulkDataClient.ManifestFile)));
        Assert.All(manifest.RootElement.GetProperty("output").EnumerateArray(), e => Assert.EndsWith(".ndjson.gz", e.GetProperty("url").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gz_file_of_the_wrong_resource_type_is_rejected_after_decompression()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, Quick with { GzipFiles = true, WrongTypeFor = "Observation" });
        var output = SynthKit.TempDirectory("gzip-wrong");

        var result = await Client(null).ExportAsync(new ExportRequest(server.BaseUrl), output);

        Assert.Contains(result.Problems, p => p.Message == "line 1: resourceType Patient, expected Observation");
        Assert.True(File.Exists(Path.Combine(output, "Observation-1.ndjson.gz.rejected")));
    }

    [Fact]
    public async Task The_command_takes_its_token_from_the_environment_and_refuses_half_a_SMART_setup()
    {
        await using var server = await BulkDataTestServer.StartAsync(source.Directory, Quick with { PollsBeforeReady = 0, BearerToken = "env-token" });
        var output = SynthKit.TempDirectory("cli-token");

        var run = ReliefProcess.RunWith(null, new Dictionary<string, string> { ["RELIEF_BULK_TOKEN"] = "env-token" }, "export", server.BaseUrl.AbsoluteUri, "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Empty(server.Unauthorised);
        Assert.Equal(["/status/job-1"], server.Deletes);

        var half = ReliefProcess.Run("export", server.BaseUrl.AbsoluteUri, "--out", SynthKit.TempDirectory("cli-half"), "--client-id", "relief-screen");
        Assert.Equal(2, half.ExitCode);
        Assert.Contains("needs both --client-id and --private-key", half.Error, StringComparison.Ordinal);
    }

    private BulkDataClient Client(IAccessTokenSource? token) => new(Http, new BulkDataClientOptions
    {
        AccessToken = token,
        Delay = (_, _) => Task.CompletedTask,
        Progress = new SynchronousProgress(_progress),
    });

    private sealed class SynchronousProgress(ConcurrentQueue<string> into) : IProgress<string>
    {
        public void Report(string value) => into.Enqueue(value);
    }
}
