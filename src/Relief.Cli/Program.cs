using Relief.Cli;
using Relief.Cli.Commands;

try
{
    return ReliefCommand.Run(args, Console.Out, Console.Error);
}
catch (Exception e)
{
    // Last line of defence: a bug must still end in one clear line, never a stack trace.
    Console.Error.WriteLine($"relief: internal error ({e.GetType().Name}): {e.Message}. Please report this with the command you ran.");
    return ExitCodes.InternalError;
}
