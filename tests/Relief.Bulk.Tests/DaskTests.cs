using System.Diagnostics;
using System.Text.Json.Nodes;
using Relief.Bulk.Tests.Support;

namespace Relief.Bulk.Tests;

/// <summary>
/// The screen on a real Dask cluster: deploy/dask/screen_dask.py starts a LocalCluster (a scheduler and two worker
/// processes over TCP on 127.0.0.1), runs one task per shard with the built relief binary and merges; the result
/// must be the single-machine run's bytes. Needs Debian's python3-distributed for /usr/bin/python3 (.ci/run installs
/// it); without it this test fails, never skips.
/// </summary>
[Trait("Needs", "dask")]
public sealed class DaskTests(SampleExport export) : IClassFixture<SampleExport>
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public void Four_shards_on_two_dask_workers_merge_to_the_single_machine_output()
    {
        var check = Run(Python, ["-c", "import distributed"]);
        Assert.True(check.ExitCode == 0, $"Dask is not available to {Python} (apt-get install python3-distributed): {check.Error}");

        using var temp = new TempDirectory();
        var script = Path.Combine(RepositoryPaths.Root, "deploy", "dask", "screen_dask.py");
        var run = Run(Python, [script, "--relief", $"dotnet {ReliefProcess.Dll}", "--export", export.Directory, "--out", temp.Path,
            "--shards", "4", "--workers", "2", "--threads", "1", "--as-of", SampleExport.AsOf]);

        Assert.True(run.ExitCode == 0, run.Error);
        var report = JsonNode.Parse(run.Output.Trim().Split('\n')[^1])!;
        Assert.StartsWith("tcp://127.0.0.1:", report["scheduler"]!.GetValue<string>());
        Assert.Equal(4, report["tasks"]!.AsArray().Count);
        var workers = report["workers"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.Equal(2, workers.Count);
        Assert.All(workers, w => Assert.StartsWith("tcp://127.0.0.1:", w));
        OutputComparison.AssertIdentical(export.Baseline, temp.Path);
    }

    private static (int ExitCode, string Output, string Error) Run(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within 5 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
