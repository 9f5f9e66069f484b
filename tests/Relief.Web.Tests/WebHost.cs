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
using Relief.Store.Application;
using Relief.Store.Knowledge;
using Relief.Store.Persistence;
using Relief.Service.Hosting;

namespace Relief.Web.Tests;

/// <summary>The pages on real Kestrel, bound to an ephemeral loopback port, with the repository's knowledge base.</summary>
public sealed class WebHost : IAsyncLifetime
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public KnowledgeBase Knowledge { get; private set; } = null!;

    /// <summary>A real SQLite store in a temporary folder, with the samples the tests name imported.</summary>
    public FollowUpStore Store { get; private set; } = null!;

    public static readonly string[] StoredSamples = ["rheumatoid-arthritis-on-methotrexate.json", "neuropathic-pain-gabapentin-not-working.json"];

    private readonly string _folder = Directory.CreateTempSubdirectory("relief-web-").FullName;

    private string StorePath => Path.Combine(_folder, "relief.db");

    public async Task InitializeAsync()
    {
        var loaded = KnowledgeLoader.Load(Path.Combine(RepositoryPaths.Root, "knowledge"));
        Knowledge = loaded.Knowledge ?? throw new InvalidOperationException(string.Join("\n", loaded.Errors));

        var followUp = FollowUpKnowledgeLoader.Load(Path.Combine(RepositoryPaths.Root, "knowledge"), Knowledge);
        Store = await FollowUpStore.OpenAsync(StoreConnection.Sqlite(StorePath), Knowledge,
            followUp.Knowledge ?? throw new InvalidOperationException(string.Join("\n", followUp.Errors)), NodaTime.SystemClock.Instance);
        foreach (var sample in StoredSamples)
        {
            var imported = await Store.ImportBundleAsync(await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, sample)), "test");
            Assert.True(imported.Succeeded, imported.Message);
        }

        // The real service composition (`relief serve`), on an ephemeral loopback port, with the store above.
        _app = ServiceHost.Build(
            [$"--Relief:Port=0", $"--Relief:Store={StorePath}", "--Relief:Auth:InsecureNoAuth=true",
             $"--Relief:Knowledge={Path.Combine(RepositoryPaths.Root, "knowledge")}"],
            builder => builder.Logging.ClearProviders());
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
