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
using Relief.Fhir.Reading;
using Relief.Web.SignIn;

namespace Relief.Web.Tests;

/// <summary>
/// The pages on real Kestrel, bound to an ephemeral loopback port, with the repository's knowledge base;
/// <paramref name="settings"/> are further service arguments ("--Relief:Auth:SignInFailuresPerAddress=3").
/// </summary>
public sealed class WebHost(params string[] settings) : IAsyncLifetime
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public KnowledgeBase Knowledge { get; private set; } = null!;

    /// <summary>A real SQLite store in a temporary folder, with the samples the tests name imported.</summary>
    public FollowUpStore Store { get; private set; } = null!;

    public static readonly string[] StoredSamples = ["rheumatoid-arthritis-on-methotrexate.json", "neuropathic-pain-gabapentin-not-working.json"];

    private readonly string _folder = Directory.CreateTempSubdirectory("relief-web-").FullName;

    private string StorePath => Path.Combine(_folder, "relief.db");

    /// <summary>The accounts file the server reads (tests add and remove accounts in it while the server runs).</summary>
    public WebUserFile Users { get; private set; } = null!;

    /// <summary>The stored samples' FHIR Patient ids, in the order of <see cref="StoredSamples"/>.</summary>
    public static IReadOnlyList<string> PatientIds { get; } =
        [.. StoredSamples.Select(s => FhirBundleReader.ReadFile(Path.Combine(RepositoryPaths.Samples, s)).Record!.Id)];

    /// <summary>A clinician who sees every patient, a clinician whose panel is the first sample only, and each sample's patient.</summary>
    public static readonly Account Clinician = new("dr-ada", "clinician-password-1");
    public static readonly Account PanelClinician = new("dr-panel", "clinician-password-2");
    public static readonly Account Patient = new("pat-neuro", "patient-password-1");
    public static readonly Account OtherPatient = new("pat-ra", "patient-password-2");

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

        Users = new WebUserFile(Path.Combine(_folder, "web-users.json"));
        Add(Users, new WebUser { Name = Clinician.Name, PasswordHash = "", Role = WebRoles.Clinician, AllPatients = true }, Clinician);
        Add(Users, new WebUser { Name = PanelClinician.Name, PasswordHash = "", Role = WebRoles.Clinician, Patients = [PatientIds[0]] }, PanelClinician);
        Add(Users, new WebUser { Name = Patient.Name, PasswordHash = "", Role = WebRoles.Patient, Patient = PatientIds[1] }, Patient);
        Add(Users, new WebUser { Name = OtherPatient.Name, PasswordHash = "", Role = WebRoles.Patient, Patient = PatientIds[0] }, OtherPatient);

        // The real service composition (`relief serve`), on an ephemeral loopback port, with the store above.
        _app = ServiceHost.Build(
            [$"--Relief:Port=0", $"--Relief:Store={StorePath}", $"--Relief:Auth:WebUsers={Users.Path}",
             $"--Relief:Knowledge={Path.Combine(RepositoryPaths.Root, "knowledge")}", .. settings],
            builder => builder.Logging.ClearProviders());
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public static void Add(WebUserFile users, WebUser user, Account account) =>
        Assert.Null(users.Save(user, account.Password));

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

/// <summary>A test account: the name and password typed into the sign-in page.</summary>
public sealed record Account(string Name, string Password);
