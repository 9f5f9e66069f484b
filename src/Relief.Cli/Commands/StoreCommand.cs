using System.CommandLine;
using System.Data.Common;
using NodaTime;
using Relief.Store.Application;

namespace Relief.Cli.Commands;

/// <summary>What every store command shares: open the store (or report why not), run, turn database failures into one line.</summary>
internal static class StoreCommand
{
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<FollowUpStore, TextWriter, TextWriter, Task<int>> run)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var (store, exit) = await StoreLocation.OpenOrReportAsync(parse.GetValue(ReliefCommand.StoreOption), parse.GetValue(ReliefCommand.KnowledgeOption), error, cancellationToken);
        if (store is null)
        {
            return exit;
        }

        try
        {
            return await run(store, output, error);
        }
        catch (DbException e)
        {
            error.WriteLine($"relief: the store failed ({store.Connection.Display}): {StoreLocation.OneLine(e)}");
            return ExitCodes.StoreUnavailable;
        }
    }

    public static bool TryDate(string? text, string option, TextWriter error, out LocalDate date) => DateOption.TryParse(text, option, error, out date);
}
