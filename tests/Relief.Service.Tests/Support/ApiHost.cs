using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relief.Core.Knowledge.Loading;
using Relief.Service.Hosting;
using Relief.Store.Application;
using Relief.Store.Knowledge;
using Relief.Store.Model;
using Relief.Store.Persistence;

namespace Relief.Service.Tests.Support;

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}

/// <summary>
/// The real service composition (`relief serve`) on Kestrel, 127.0.0.1 and an ephemeral port, with a real SQLite
/// store in a temporary folder holding two sample patients, trusting <see cref="Tokens"/>' key for the API.
/// </summary>
public class ApiHost : IAsyncLifetime
{
    /// <summary>Patients imported from samples/: rheumatoid arthritis on methotrexate, and neuropathic pain on gabapentin.</summary>
    public const string Ra = "raom-patient";
    public const string Neuropathic = "gnw-patient";

    private static readonly string[] Samples = ["rheumatoid-arthritis-on-methotrexate.json", "neuropathic-pain-gabapentin-not-working.json"];

    private readonly string _folder = Directory.CreateTempSubdirectory("relief-api-").FullName;
    private WebApplication? _app;

    public TokenIssuer Tokens { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public StoreConnection Store => StoreConnection.Sqlite(Path.Combine(_folder, "relief.db"));

    public async Task InitializeAsync()
    {
        var knowledge = KnowledgeLoader.Load(RepositoryPaths.Knowledge).Knowledge ?? throw new InvalidOperationException("knowledge/ does not load");
        var followUp = FollowUpKnowledgeLoader.Load(RepositoryPaths.Knowledge, knowledge).Knowledge ?? throw new InvalidOperationException("follow-up knowledge does not load");
        var store = await FollowUpStore.OpenAsync(Store, knowledge, followUp, NodaTime.SystemClock.Instance);
        foreach (var sample in Samples)
        {
            var imported = await store.ImportBundleAsync(await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, sample)), "test-import");
            Assert.True(imported.Succeeded, imported.Message);
        }

        var jwks = Path.Combine(_folder, "idp-jwks.json");
        await File.WriteAllTextAsync(jwks, Tokens.Jwks());
        _app = ServiceHost.Build(
            ["--Relief:Port=0", $"--Relief:Store={Store.Display}",
             $"--Relief:Knowledge={RepositoryPaths.Knowledge}",
             $"--Relief:Auth:Users:Issuers:0={TokenIssuer.Issuer}", $"--Relief:Auth:Users:Jwks:0={jwks}", .. ExtraSettings],
            builder => builder.Logging.ClearProviders());
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>More service settings (command-line form) for a variant of the host.</summary>
    protected virtual IEnumerable<string> ExtraSettings => [];

    /// <summary>A client on the loopback address, bearing <paramref name="token"/> when given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>The audit trail as the store wrote it.</summary>
    public async Task<List<AuditEvent>> AuditAsync()
    {
        await using var db = Store.CreateContext();
        return await db.AuditEvents.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Tokens.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The same host started with --insecure-no-auth (development): the API open to anyone on loopback.</summary>
public sealed class InsecureApiHost : ApiHost
{
    protected override IEnumerable<string> ExtraSettings => ["--Relief:Auth:InsecureNoAuth=true"];
}
