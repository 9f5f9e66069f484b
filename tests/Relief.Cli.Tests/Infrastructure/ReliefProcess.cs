using System.Diagnostics;

namespace Relief.Cli.Tests.Infrastructure;

/// <summary>Runs the built `relief` binary as a user would, capturing its exit code and both streams.</summary>
public static class ReliefProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static Result Run(params string[] args) => Run(null, args);

    public static Result Run(IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "relief.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Plain output: the text form colours only on a terminal.
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("relief did not finish within 2 minutes: " + string.Join(' ', args));
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
