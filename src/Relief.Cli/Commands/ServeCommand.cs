using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Relief.Service.Hosting;

namespace Relief.Cli.Commands;

/// <summary>
/// `relief serve`: the CDS Hooks service on 127.0.0.1. The options write the service's configuration keys
/// (Relief:Port, Relief:Auth:Jwks, Relief:Auth:Issuers, Relief:Auth:InsecureNoAuth…), which appsettings or
/// environment variables (Relief__Port…) can also set; docs/cds-hooks.md lists them.
/// </summary>
public static class ServeCommand
{
    public static Command Build()
    {
        var port = new Option<int?>("--port") { Description = "Port on 127.0.0.1 (default 5170; 0 picks a free one)" };
        var jwks = new Option<string[]>("--jwks") { Description = "JWKS file or URL with the trusted EHRs' public keys (repeatable)", AllowMultipleArgumentsPerToken = false };
        var issuer = new Option<string[]>("--issuer") { Description = "A trusted issuer (JWT iss), repeatable" };
        var issuerJwks = new Option<string[]>("--issuer-jwks") { Description = "ISS=FILE|URL: an issuer trusted with its own keys only (repeatable)" };
        var jku = new Option<string[]>("--allow-jku") { Description = "A JWKS URL a token may name in its jku header (repeatable)" };
        var insecure = new Option<bool>("--insecure-no-auth") { Description = "DEVELOPMENT ONLY: accept calls without a token" };
        var store = new Option<string?>("--store") { Description = "Feedback store: SQLite path or PostgreSQL connection string (default ~/.local/share/relief/relief.db, or $RELIEF_STORE)" };
        var origin = new Option<string[]>("--cors-origin") { Description = "Browser origin allowed to call (repeatable; default https://sandbox.cds-hooks.org)" };
        var publicUrl = new Option<string?>("--public-url") { Description = "The base URL EHRs call (a tunnel to this machine): JWT audience and card links" };
        var users = new Option<string?>("--users") { Description = "The web pages' accounts file (`relief users add`; default ~/.local/share/relief/web-users.json)" };

        var command = new Command("serve", "Run the CDS Hooks service (patient-view, order-select, order-sign) on 127.0.0.1");
        foreach (var option in new Option[] { port, jwks, issuer, issuerJwks, jku, insecure, store, origin, publicUrl, users })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var settings = new List<string>();
            void Set(string key, string? value)
            {
                if (value is not null)
                {
                    settings.Add($"--Relief:{key}={value}");
                }
            }

            void SetAll(string key, string[]? values)
            {
                for (var i = 0; i < (values?.Length ?? 0); i++)
                {
                    Set($"{key}:{i}", values![i]);
                }
            }

            Set("Port", parse.GetValue(port)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            SetAll("Auth:Jwks", parse.GetValue(jwks));
            SetAll("Auth:Issuers", parse.GetValue(issuer));
            SetAll("Auth:IssuerJwks", parse.GetValue(issuerJwks));
            SetAll("Auth:AllowedJkus", parse.GetValue(jku));
            Set("Auth:InsecureNoAuth", parse.GetValue(insecure) ? "true" : null);
            Set("Store", parse.GetValue(store));
            SetAll("CorsOrigins", parse.GetValue(origin));
            Set("PublicBaseUrl", parse.GetValue(publicUrl));
            Set("Auth:WebUsers", parse.GetValue(users));
            Set("Knowledge", parse.GetValue(ReliefCommand.KnowledgeOption) ?? KnowledgeLocation.Resolve(null));
            return RunAsync([.. settings], parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] settings, TextWriter error, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = ServiceHost.Build(settings);
        }
        catch (InvalidKnowledgeException e)
        {
            error.WriteLine($"relief: {e.Message}");
            return ExitCodes.InvalidKnowledge;
        }
        catch (Relief.Service.Hosting.ServiceConfigurationException e)
        {
            error.WriteLine($"relief: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        try
        {
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
        }
        catch (IOException e)
        {
            // Kestrel reports a port in use as an IOException.
            error.WriteLine($"relief: cannot listen: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        return ExitCodes.Ok;
    }
}
