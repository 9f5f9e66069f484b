using System.Diagnostics;

namespace Relief.Bulk.Tests.Support;

/// <summary>Runs the built `relief` binary as a user (or a cluster task) would, capturing its exit code and both streams.</summary>
internal static class ReliefProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "relief.dll");

    public static Result Run(params string[] args) => RunWith(null, null, args);

    public static Result RunWith(string? stdin, IDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(environment, stdin is not null, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("relief did not finish within 3 minutes: " + string.Join(' ', args));
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    public static Process Start(IDictionary<string, string>? environment, bool redirectInput, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }
}
