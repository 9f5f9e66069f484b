using Spectre.Console;

namespace Relief.Cli.Rendering;

/// <summary>
/// A Spectre console over the command's output: colour and box drawing on a terminal, plain text when the
/// output is redirected or NO_COLOR is set (https://no-color.org), so files and pipes get no escape codes.
/// </summary>
public static class TerminalConsole
{
    public static IAnsiConsole Create(TextWriter output)
    {
        var plain = Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out)
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });

        // Redirected output has no width; 120 columns keeps tables readable in files and CI logs.
        if (plain)
        {
            console.Profile.Width = 120;
        }

        return console;
    }
}
