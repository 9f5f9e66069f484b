using Relief.Bulk.Tests.Support;

namespace Relief.Bulk.Tests;

/// <summary>A run killed midway continues from its last committed part, and the result is what an uninterrupted run writes.</summary>
public sealed class ScreenResumeTests(SampleExport export) : IClassFixture<SampleExport>
{
    private const int Partitions = 8;

    [Fact]
    public void A_killed_run_resumes_from_its_last_committed_part_and_ends_identical()
    {
        using var temp = new TempDirectory();
        var output = temp.Sub("out");
        string[] args = ["screen", export.Directory, "--out", output, "--as-of", SampleExport.AsOf, "--partitions", $"{Partitions}", "--progress", "none"];
        var uninterrupted = temp.Sub("uninterrupted");
        Assert.Equal(0, ReliefProcess.Run(["screen", export.Directory, "--out", uninterrupted, "--as-of", SampleExport.AsOf, "--partitions", $"{Partitions}"]).ExitCode);

        // The pause after each part (a test hook) gives time to kill the real process between two commits.
        var parts = Path.Combine(output, ".relief-screen", "parts");
        using (var process = ReliefProcess.Start(new Dictionary<string, string> { ["RELIEF_SCREEN_PART_PAUSE_MS"] = "400" }, false, args))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (Committed(parts) < 2 && !process.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }

            Assert.False(process.HasExited, "the run finished before it could be killed");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var committedAtKill = Committed(parts);
        Assert.InRange(committedAtKill, 2, Partitions - 1);
        Assert.False(File.Exists(Path.Combine(output, "findings.ndjson")));

        var resumed = ReliefProcess.Run(args);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains($"resumed: {committedAtKill} of {Partitions} parts were already committed", resumed.Error);
        Assert.False(Directory.Exists(Path.Combine(output, ".relief-screen")));
        OutputComparison.AssertIdentical(uninterrupted, output);
    }

    [Fact]
    public void Leftover_work_from_a_run_with_other_settings_is_not_resumed()
    {
        using var temp = new TempDirectory();
        var output = temp.Sub("out");
        var parts = Path.Combine(output, ".relief-screen", "parts");
        using (var process = ReliefProcess.Start(new Dictionary<string, string> { ["RELIEF_SCREEN_PART_PAUSE_MS"] = "400" }, false,
            "screen", export.Directory, "--out", output, "--as-of", "2026-01-01", "--partitions", "4", "--progress", "none"))
        {
            while (Committed(parts) < 1 && !process.HasExited)
            {
                Thread.Sleep(20);
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        // Another date: the parts assessed as of 2026-01-01 must not leak into this run.
        var run = ReliefProcess.Run("screen", export.Directory, "--out", output, "--as-of", SampleExport.AsOf);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("resumed", run.Error);
        OutputComparison.AssertIdentical(export.Baseline, output);
    }

    private static int Committed(string parts) =>
        Directory.Exists(parts) ? Directory.GetFiles(parts, "*.summary.json").Length : 0;
}
