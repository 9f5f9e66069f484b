using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relief.Core.Assessment;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;
using Relief.Fhir.Contract;

namespace Relief.Web.Tests;

/// <summary>The pages on real Kestrel, bound to an ephemeral loopback port, with the repository's knowledge base.</summary>
public sealed class WebHost : IAsyncLifetime
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public KnowledgeBase Knowledge { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var loaded = KnowledgeLoader.Load(Path.Combine(RepositoryPaths.Root, "knowledge"));
        Knowledge = loaded.Knowledge ?? throw new InvalidOperationException(string.Join("\n", loaded.Errors));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Knowledge);
        builder.Services.AddSingleton(new AssessmentPipeline(new Assessor(Knowledge)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddReliefWeb();
        _app = builder.Build();
        _app.MapReliefWeb();
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
