using Relief.Bulk.Tests.Support;

namespace Relief.Bulk.Tests;

/// <summary>The output is the same bytes whatever the file order, the line order, the compression, the thread count or the partitioning.</summary>
public sealed class ScreenDeterminismTests(SampleExport export) : IClassFixture<SampleExport>
{
    [Fact]
    public void Shuffled_lines_files_in_reverse_order_and_other_compression_give_identical_output()
    {
        using var temp = new TempDirectory();
        var random = new Random(20261121);
        var files = new List<string>();
        foreach (var (type, lines) in export.Export.LinesByType.Reverse())
        {
            var shuffled = lines.OrderBy(_ => random.Next()).ToList();
            if (type == "Observation")
            {
                // One type in two files, as servers split large types.
                files.Add(TestExport.WriteFile(temp.Path, "Observation-2", shuffled.Skip(shuffled.Count / 2), gzip: false));
                shuffled = [.. shuffled.Take(shuffled.Count / 2)];
            }

            files.Add(TestExport.WriteFile(temp.Path, type, shuffled, gzip: type is "Patient" or "MedicationRequest"));
        }

        var run = ReliefProcess.Run(["screen", .. files, "--out", temp.Sub("out"), "--as-of", SampleExport.AsOf]);

        Assert.True(run.ExitCode == 0, run.Error);
        OutputComparison.AssertIdentical(export.Baseline, temp.Sub("out"));
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("2", "9")]
    [InlineData("4", "3")]
    public void Thread_count_and_partition_count_do_not_change_a_byte(string threads, string partitions)
    {
        using var temp = new TempDirectory();

        var run = ReliefProcess.Run("screen", export.Directory, "--out", temp.Path, "--as-of", SampleExport.AsOf, "--threads", threads, "--partitions", partitions);

        Assert.True(run.ExitCode == 0, run.Error);
        OutputComparison.AssertIdentical(export.Baseline, temp.Path);
    }
}
