using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Relief.Service.Hosting;
using Serilog.Core;

namespace Relief.Service.Tests.Support;

/// <summary>The real service on Kestrel, 127.0.0.1 and a free port, built as `relief serve` builds it.</summary>
public sealed class KestrelHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelHost(WebApplication app, string baseUrl, TestKeys keys, FixedClock clock, LogCapture log)
    {
        _app = app;
        BaseUrl = baseUrl;
        Keys = keys;
        Clock = clock;
        Log = log;
    }

    public string BaseUrl { get; }

    public TestKeys Keys { get; }

    public FixedClock Clock { get; }

    public LogCapture Log { get; }

    public HttpClient Client() => new() { BaseAddress = new Uri(BaseUrl) };

    public static async Task<KestrelHost> StartAsync(bool insecure, IDictionary<string, string>? settings = null)
    {
        var keys = new TestKeys();
        var clock = new FixedClock(FixedClock.SamplesToday);
        var log = new LogCapture();
        var all = new Dictionary<string, string>
        {
            ["Relief:Port"] = "0",
            ["Relief:Store"] = TestFiles.NewPath("relief-test", ".db"),
            ["Relief:Knowledge"] = Path.Combine(RepositoryPaths.Root, "knowledge"),
            ["Relief:Auth:InsecureNoAuth"] = insecure ? "true" : "false",
            ["Relief:Auth:Issuers:0"] = TestKeys.Issuer,
            ["Relief:Auth:Jwks:0"] = keys.WriteJwks(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var app = ServiceHost.Build([.. all.Select(kv => $"--{kv.Key}={kv.Value}")], builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton<ILogEventSink>(log);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelHost(app, address, keys, clock, log);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
