using System.CommandLine;
using System.Globalization;
using Relief.Store.Feedback;
using Relief.Store.Persistence;

namespace Relief.Cli.Commands;

/// <summary>`relief report overrides`: CDS Hooks feedback as override rates per card type and reason.</summary>
public static class ReportCommand
{
    public static Command Build()
    {
        var store = new Option<string?>("--store") { Description = "SQLite path or PostgreSQL connection string (default ~/.local/share/relief/relief.db, or $RELIEF_STORE)" };
        var overrides = new Command("overrides", "Override rates of CDS Hooks cards per card type and reason, most overridden first");
        overrides.Options.Add(store);
        overrides.SetAction((parse, cancellationToken) => OverridesAsync(parse.GetValue(store), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        var report = new Command("report", "Reports from the store");
        report.Subcommands.Add(overrides);
        return report;
    }

    private static async Task<int> OverridesAsync(string? storeOption, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var connection = StoreConnection.Resolve(storeOption);
        if (connection.Provider == StoreProvider.Sqlite && !File.Exists(connection.Display))
        {
            error.WriteLine($"relief: no store at {connection.Display}: no feedback has been received yet");
            return ExitCodes.InvalidInput;
        }

        var feedback = new FeedbackStore(connection);
        await feedback.MigrateAsync(cancellationToken);
        await using var context = feedback.CreateContext();
        var report = await OverrideReport.BuildAsync(context, cancellationToken);
        if (report.CardTypes.Count == 0)
        {
            output.WriteLine("No CDS Hooks feedback stored yet.");
            return ExitCodes.Ok;
        }

        output.WriteLine($"{"card type",-48} {"feedback",8} {"accepted",8} {"overridden",10} {"override rate",13}");
        foreach (var row in report.CardTypes)
        {
            output.WriteLine($"{row.CardType,-48} {row.Total,8} {row.Accepted,8} {row.Overridden,10} {row.OverrideRate.ToString("P0", CultureInfo.InvariantCulture),13}");
            foreach (var reason in row.Reasons)
            {
                output.WriteLine($"    {reason.Count,5}  {reason.Reason}");
            }
        }

        return ExitCodes.Ok;
    }
}
