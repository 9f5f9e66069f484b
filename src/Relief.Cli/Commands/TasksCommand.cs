using System.CommandLine;
using System.Globalization;
using Relief.Core.Assessment;
using Relief.Store.Application;

namespace Relief.Cli.Commands;

/// <summary>`relief tasks due`: open monitoring tasks due by a date across all patients, most overdue first.</summary>
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
        due.SetAction((parse, ct) => StoreCommand.RunAsync(parse, ct, async (store, output, error) =>
        {
            if (!StoreCommand.TryDate(parse.GetValue(asOf), "--as-of", error, out var date))
            {
                return ExitCodes.InvalidInput;
            }

            var size = parse.GetValue(limit);
            if (size is < 1 or > PageRequest.MaxSize)
            {
                error.WriteLine($"relief: --limit must be 1-{PageRequest.MaxSize}");
                return ExitCodes.InvalidInput;
            }

            var page = await store.DueTasksAsync(date, new PageRequest(size), StoreLocation.Actor, ct);
            foreach (var t in page.Items)
            {
                var days = date.ToDateOnly().DayNumber - t.DueDate.DayNumber;
                output.WriteLine($"{t.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}  {(days > 0 ? $"{days} d overdue" : "due"),-14} {t.Severity,-10} {t.PatientId,-38} {t.Kind,-18} {t.Message}");
            }

            output.WriteLine(page.Next is null ? $"{page.Items.Length} task(s) due by {date:yyyy-MM-dd}" : $"first {page.Items.Length} task(s) due by {date:yyyy-MM-dd}; more with --limit");
            output.WriteLine(PatientAssessment.Disclaimer);
            return ExitCodes.Ok;
        }));
        tasks.Subcommands.Add(due);
        return tasks;
    }
}
