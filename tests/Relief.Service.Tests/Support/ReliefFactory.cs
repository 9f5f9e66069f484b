using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Relief.Service.Tests.Support;

/// <summary>
/// The service in-process (WebApplicationFactory over Program): settings as configuration keys, the
/// samples' clock, a feedback store in a temporary SQLite file, and the log captured.
/// </summary>
public sealed class ReliefFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ReliefFactory(bool insecure = true, TestKeys? keys = null, IDictionary<string, string?>? settings = null)
    {
        Keys = keys ?? new TestKeys();
        StorePath = TestFiles.NewPath("relief-test", ".db");
        _settings = new Dictionary<string, string?>
        {
            ["Relief:Port"] = "0",
            ["Relief:Store"] = StorePath,
            ["Relief:Knowledge"] = Path.Combine(RepositoryPaths.Root, "knowledge"),
            ["Relief:Auth:InsecureNoAuth"] = insecure ? "true" : "false",
            ["Relief:Auth:Issuers:0"] = TestKeys.Issuer,
            ["Relief:Auth:Jwks:0"] = Keys.WriteJwks(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestKeys Keys { get; }

    public string StorePath { get; }

    public FixedClock Clock { get; } = new(FixedClock.SamplesToday);

    public LogCapture Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILogEventSink>(Log);
        });
    }
}
