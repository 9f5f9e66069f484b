using Spectre.Console;

namespace Relief.Cli.Rendering;

/// <summary>
/// A Spectre console over the command's output: colour and box drawing on a terminal, plain text when the
/// output is redirected or NO_COLOR is set (https://no-color.org), so files and pipes get no escape codes.
/// NO_COLOR only removes colour: on a terminal the width is still the terminal's.
/// </summary>
public static class TerminalConsole
{
    /// <summary>Width for output that has none (a file, a pipe, a CI log) unless COLUMNS says otherwise.</summary>
    public const int RedirectedWidth = 120;

    public static IAnsiConsole Create(TextWriter output)
    {
        var redirected = Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out);
        var plain = redirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });

        if (Width(Environment.GetEnvironmentVariable("COLUMNS")) is { } columns)
        {
            console.Profile.Width = columns;
        }
        else if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>COLUMNS as a usable width (40 to 500), else null.</summary>
    public static int? Width(string? columns) =>
        int.TryParse(columns, out var width) && width is >= 40 and <= 500 ? width : null;
}
