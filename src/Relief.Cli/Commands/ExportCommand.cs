using System.CommandLine;
using Relief.Bulk.BulkData;

namespace Relief.Cli.Commands;

/// <summary>
/// `relief export`: downloads a FHIR Bulk Data export from a server into a folder (NDJSON files, a local
/// manifest.json), checked against the server's manifest. The folder is then the input of `relief screen`.
/// Running it again on the same folder resumes the same export.
/// </summary>
public static class ExportCommand
{
    public static Command Build()
    {
        var baseUrl = new Argument<string>("fhir-base-url") { Description = "The FHIR server's base URL, e.g. https://fhir.example.org/r4" };
        var output = new Option<string>("--out") { Description = "Output folder (resumes the export already in it)", Required = true };
        var types = new Option<string[]>("--type") { Description = "Resource types (_type), e.g. --type Patient --type MedicationRequest or --type Patient,Condition", AllowMultipleArgumentsPerToken = true };
        var since = new Option<string?>("--since") { Description = "Only resources changed since this FHIR instant (_since), e.g. 2026-01-01T00:00:00Z" };
        var group = new Option<string?>("--group") { Description = "Export the patients of this Group (Group/{id}/$export)" };
        var patients = new Option<bool>("--patients") { Description = "Patient-level export (Patient/$export) instead of system-level" };
        var parallel = new Option<int>("--parallel") { Description = "Files downloaded at once", DefaultValueFactory = _ => 4 };
        var tokenFile = new Option<string?>("--bearer-token-file") { Description = $"A file holding a bearer token to send (or set {TokenVariable})" };
        var clientId = new Option<string?>("--client-id") { Description = "SMART Backend Services: the client id registered with the server" };
        var privateKey = new Option<string?>("--private-key") { Description = "SMART Backend Services: the client's private key, PEM (RSA for RS384, P-384 EC for ES384)" };
        var tokenUrl = new Option<string?>("--token-url") { Description = "SMART Backend Services: the token endpoint (default: from [base]/.well-known/smart-configuration)" };
        var scope = new Option<string>("--scope") { Description = "SMART Backend Services: the scope asked for", DefaultValueFactory = _ => "system/*.read" };
        var keyId = new Option<string?>("--key-id") { Description = "SMART Backend Services: the kid of the key in the client's JWKS" };
        var keep = new Option<bool>("--keep-on-server") { Description = "Do not DELETE the export on the server once downloaded" };

        var command = new Command("export", "Download a FHIR Bulk Data export ($export) from a server, checking each file against the manifest");
        command.Arguments.Add(baseUrl);
        command.Options.Add(output);
        command.Options.Add(types);
        command.Options.Add(since);
        command.Options.Add(group);
        command.Options.Add(patients);
        command.Options.Add(parallel);
        command.Options.Add(tokenFile);
        command.Options.Add(clientId);
        command.Options.Add(privateKey);
        command.Options.Add(tokenUrl);
        command.Options.Add(scope);
        command.Options.Add(keyId);
        command.Options.Add(keep);
        command.SetAction(async (parse, cancellation) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var console = parse.InvocationConfiguration.Output;
            if (!Uri.TryCreate(parse.GetValue(baseUrl), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                error.WriteLine($"relief: '{parse.GetValue(baseUrl)}' is not an http(s) URL");
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(group) is not null && parse.GetValue(patients))
            {
                error.WriteLine("relief: --group and --patients are two different export levels; give one");
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(parallel) < 1)
            {
                error.WriteLine("relief: --parallel must be 1 or more");
                return ExitCodes.InvalidInput;
            }

            var level = parse.GetValue(group) is not null ? ExportLevel.Group : parse.GetValue(patients) ? ExportLevel.Patient : ExportLevel.System;
            var request = new ExportRequest(url, level, parse.GetValue(group))
            {
                Types = [.. (parse.GetValue(types) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                Since = parse.GetValue(since),
            };
            IAccessTokenSource? token;
            try
            {
                token = AccessToken(url, parse.GetValue(tokenFile), parse.GetValue(clientId), parse.GetValue(privateKey), parse.GetValue(tokenUrl), parse.GetValue(scope)!, parse.GetValue(keyId));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or AccessTokenException or ArgumentException)
            {
                error.WriteLine($"relief: {e.Message}");
                return ExitCodes.InvalidInput;
            }

            using var disposeToken = token as IDisposable;
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            var client = new BulkDataClient(http, new BulkDataClientOptions
            {
                MaxParallelDownloads = parse.GetValue(parallel),
                Progress = new LineProgress(error),
                AccessToken = token,
                DeleteWhenDone = !parse.GetValue(keep),
            });
            ExportResult result;
            try
            {
                result = await client.ExportAsync(request, parse.GetValue(output)!, cancellation);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"relief: cannot write to {parse.GetValue(output)}: {e.Message}");
                return ExitCodes.InvalidInput;
            }

            foreach (var problem in result.Problems)
            {
                error.WriteLine($"relief: {problem}");
            }

            if (result.ManifestPath is not null)
            {
                console.WriteLine($"relief export: {result.Files.Count} file(s), {result.Files.Sum(f => f.Lines)} resources{(result.Resumed ? " (resumed)" : "")} -> {result.ManifestPath}");
            }

            return result.Succeeded ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }

    /// <summary>The environment variable that may hold a static bearer token (kept off the command line and out of process lists).</summary>
    public const string TokenVariable = "RELIEF_BULK_TOKEN";

    /// <summary>SMART Backend Services when a client id is given, else a static token from a file or the environment, else none.</summary>
    private static IAccessTokenSource? AccessToken(Uri fhirBase, string? tokenFile, string? clientId, string? privateKey, string? tokenUrl, string scope, string? keyId)
    {
        if (clientId is not null || privateKey is not null)
        {
            if (clientId is null || privateKey is null)
            {
                throw new ArgumentException("SMART Backend Services needs both --client-id and --private-key");
            }

            Uri? endpoint = null;
            if (tokenUrl is not null && !Uri.TryCreate(tokenUrl, UriKind.Absolute, out endpoint))
            {
                throw new ArgumentException($"--token-url '{tokenUrl}' is not an absolute URL");
            }

            return new SmartBackendServicesToken(fhirBase, clientId, File.ReadAllText(privateKey), scope, endpoint, keyId);
        }

        if (tokenFile is not null)
        {
            return new StaticAccessToken(File.ReadAllText(tokenFile));
        }

        return Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? new StaticAccessToken(token) : null;
    }

    /// <summary>Progress as plain lines on standard error, so standard output stays the result.</summary>
    private sealed class LineProgress(TextWriter error) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (error)
            {
                error.WriteLine($"relief export: {value}");
            }
        }
    }
}
