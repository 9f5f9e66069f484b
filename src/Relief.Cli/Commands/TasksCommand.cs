using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Store.Application;
using Relief.Store.Direct;
using Relief.Store.Persistence;

namespace Relief.Cli.Commands;

/// <summary>
/// `relief tasks due`: open monitoring tasks due by a date across all patients, most overdue first. A read-only
/// command that must start fast: on a store at the current schema it reads through <see cref="DirectTaskReader"/>
/// (ADO.NET: no knowledge load, no EF Core model, no migration run); a missing or older store goes through the EF
/// Core path, which creates or migrates it (the JIT build; the Native AOT binary says to open it once with that).
/// </summary>
public static class TasksCommand
{
    public static Command Build()
    {
        var tasks = new Command("tasks", "Monitoring tasks derived from the knowledge base's monitoring rules");
        var asOf = new Option<string?>("--as-of") { Description = "Due on or before this date (yyyy-MM-dd); default: today (UTC)" };
        var limit = new Option<int>("--limit") { Description = "At most this many tasks (1-1000)", DefaultValueFactory = _ => 200 };
        var due = new Command("due", "What is due or overdue across all patients: missing baselines, overdue tests, thresholds to act on");
        due.Options.Add(asOf);
        due.Options.Add(limit);
        due.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!DateOption.TryParse(parse.GetValue(asOf), "--as-of", error, out var date))
            {
                return ExitCodes.InvalidInput;
            }

            var size = parse.GetValue(limit);
            if (size is < 1 or > PageRequest.MaxSize)
            {
                error.WriteLine($"relief: --limit must be 1-{PageRequest.MaxSize}");
                return ExitCodes.InvalidInput;
            }

            var connection = StoreConnection.Resolve(parse.GetValue(ReliefCommand.StoreOption));
            Page<TaskView> page;
            try
            {
                await using var direct = await DirectTaskReader.OpenIfCurrentAsync(connection, SystemClock.Instance, ct);
                if (direct is null)
                {
#if RELIEF_FAST
                    error.WriteLine($"relief: the store ({connection.Display}) does not exist yet or has an older schema; open it once with the full build (`dotnet run --project src/Relief.Cli -- tasks due`), which creates or migrates it");
                    return ExitCodes.StoreUnavailable;
#else
                    return await StoreCommand.RunAsync(parse, ct, async (store, _, _) => Print(await store.DueTasksAsync(date, new PageRequest(size), Actor, ct), date, output));
#endif
                }

                page = await direct.DueTasksAsync(date, new PageRequest(size), Actor, ct);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or IOException or ArgumentException)
            {
                error.WriteLine($"relief: cannot read the store ({connection.Display}): {(e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ")}");
                return ExitCodes.StoreUnavailable;
            }

            return Print(page, date, output);
        });
        tasks.Subcommands.Add(due);
        return tasks;
    }

    private static int Print(Page<TaskView> page, LocalDate date, TextWriter output)
    {
        foreach (var t in page.Items)
        {
            var days = date.ToDateOnly().DayNumber - t.DueDate.DayNumber;
            output.WriteLine($"{t.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}  {(days > 0 ? $"{days} d overdue" : "due"),-14} {t.Severity,-10} {t.PatientId,-38} {t.Kind,-18} {t.Message}");
        }

        output.WriteLine(page.Next is null ? $"{page.Items.Length} task(s) due by {date:yyyy-MM-dd}" : $"first {page.Items.Length} task(s) due by {date:yyyy-MM-dd}; more with --limit");
        output.WriteLine(PatientAssessment.Disclaimer);
        return ExitCodes.Ok;
    }

    /// <summary>The actor recorded in the audit trail (as StoreLocation.Actor, which the AOT build does not compile).</summary>
    private static string Actor => $"cli:{Environment.UserName}";
}
