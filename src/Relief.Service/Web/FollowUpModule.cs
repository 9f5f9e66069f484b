using Relief.Core.Knowledge;
using Relief.Service.Hosting;
using Relief.Store.Application;
using Relief.Store.Knowledge;
using Relief.Store.Persistence;
using Relief.Web;

namespace Relief.Service.Web;

/// <summary>
/// The follow-up store (the same database as feedback: SQLite in the user's data directory unless
/// Relief:Store says otherwise, created and migrated at start) and the clinician's and patient's pages at "/".
/// </summary>
public static class FollowUpModule
{
    public static void AddFollowUpAndWeb(this IServiceCollection services, ReliefServiceOptions options)
    {
        var connection = StoreConnection.Resolve(options.Store);
        services.AddSingleton(sp =>
        {
            var knowledge = sp.GetRequiredService<KnowledgeBase>();
            var directory = options.Knowledge ?? Environment.GetEnvironmentVariable("RELIEF_KNOWLEDGE") ?? Path.Combine(AppContext.BaseDirectory, "knowledge");
            var loaded = FollowUpKnowledgeLoader.Load(directory, knowledge);
            if (loaded.Knowledge is not { } followUp)
            {
                throw new InvalidKnowledgeException(directory, [.. loaded.Errors.Select(e => e.ToString())]);
            }

            return new FollowUpStore(connection, knowledge, followUp, NodaTime.SystemClock.Instance);
        });
        services.AddSingleton(sp =>
        {
            var directory = options.Knowledge ?? Environment.GetEnvironmentVariable("RELIEF_KNOWLEDGE") ?? Path.Combine(AppContext.BaseDirectory, "knowledge");
            var (forms, errors) = Relief.Web.Diary.DiaryForms.Load(directory, sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<FollowUpStore>().FollowUp);
            return forms ?? throw new InvalidKnowledgeException(directory, errors);
        });
        services.AddHostedService(sp => new StoreMigration(connection));
        if (!TimeOnly.TryParseExact(options.TasksRederiveAt, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at))
        {
            throw new Relief.Service.Hosting.ServiceConfigurationException($"Relief:TasksRederiveAt '{options.TasksRederiveAt}' is not a time of day (HH:mm, UTC)");
        }

        // The system clock, not a TimeProvider from the container: a test's broken clock for the request pipeline
        // must not stop the schedule (tests of the schedule construct the service with a fake one).
        services.AddHostedService(sp => new TaskRederivationService(sp.GetRequiredService<FollowUpStore>(), TimeProvider.System, at, sp.GetRequiredService<ILogger<TaskRederivationService>>()));
        if (options.Auth.SignInFailuresPerAddress < 1)
        {
            throw new Relief.Service.Hosting.ServiceConfigurationException($"Relief:Auth:SignInFailuresPerAddress '{options.Auth.SignInFailuresPerAddress}' must be 1 or more");
        }

        services.AddReliefWeb(new Relief.Web.SignIn.WebSignInOptions
        {
            SignInFailuresPerAddress = options.Auth.SignInFailuresPerAddress,
            UsersFile = options.Auth.WebUsers ?? Relief.Web.SignIn.WebUserFile.DefaultPath(),
            InsecureNoAuth = options.Auth.InsecureNoAuth,
        });
    }

    /// <summary>Creates and migrates the store before the first request, so a fresh machine needs no set-up step.</summary>
    private sealed class StoreMigration(StoreConnection connection) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => StoreMigrator.MigrateAsync(connection, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
