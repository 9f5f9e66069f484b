using System.Data.Common;
using NodaTime;
using Relief.Core.Knowledge;
using Relief.Store.Application;
using Relief.Store.Knowledge;
using Relief.Store.Persistence;

namespace Relief.Cli;

/// <summary>
/// Opens the follow-up store for a command: --store (a SQLite file path or a PostgreSQL connection string),
/// else RELIEF_STORE, else the SQLite file in the user's data directory; created and migrated on first use.
/// </summary>
public static class StoreLocation
{
    public const string FaultPauseVariable = "RELIEF_FAULT_PAUSE_BEFORE_COMMIT_MS";

    public static async Task<(FollowUpStore? Store, int ExitCode)> OpenOrReportAsync(string? storeOption, string? knowledgeOption, TextWriter error, CancellationToken cancellationToken)
    {
        var directory = KnowledgeLocation.Resolve(knowledgeOption);
        var knowledge = KnowledgeLocation.LoadOrReport(directory, error);
        if (knowledge is null)
        {
            return (null, ExitCodes.InvalidKnowledge);
        }

        var followUp = LoadFollowUp(directory, knowledge, error);
        if (followUp is null)
        {
            return (null, ExitCodes.InvalidKnowledge);
        }

        var connection = StoreConnection.Resolve(storeOption);
        try
        {
            await StoreMigrator.MigrateAsync(connection, cancellationToken);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"relief: cannot open the store ({connection.Display}): {OneLine(e)}");
            return (null, ExitCodes.StoreUnavailable);
        }

        Func<CancellationToken, Task>? pause = null;
        if (int.TryParse(Environment.GetEnvironmentVariable(FaultPauseVariable), out var ms) && ms > 0)
        {
            pause = async ct =>
            {
                error.WriteLine("relief: fault injection: pausing before commit");
                error.Flush();
                await Task.Delay(ms, ct);
            };
        }

        return (new FollowUpStore(connection, knowledge, followUp, SystemClock.Instance) { BeforeImportCommit = pause }, ExitCodes.Ok);
    }

    public static FollowUpKnowledge? LoadFollowUp(string directory, KnowledgeBase knowledge, TextWriter error)
    {
        var (followUp, errors) = FollowUpKnowledgeLoader.Load(directory, knowledge);
        if (followUp is null)
        {
            error.WriteLine($"relief: the follow-up knowledge at {directory} is invalid ({errors.Length} problem(s)):");
            foreach (var problem in errors)
            {
                error.WriteLine($"  {problem}");
            }
        }

        return followUp;
    }

    /// <summary>The actor recorded in the audit trail and amendments for CLI writes.</summary>
    public static string Actor => $"cli:{Environment.UserName}";

    public static string OneLine(Exception e) => (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ");
}
