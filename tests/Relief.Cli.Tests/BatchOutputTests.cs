using Relief.Cli.Tests.Infrastructure;

namespace Relief.Cli.Tests;

/// <summary>
/// `relief assess` reads and assesses files in parallel (workers run up to a window ahead of the writer) but
/// must write exactly what assessing them one by one writes, in input order.
/// </summary>
public sealed class BatchOutputTests
{
    // Seven files, one of them rejected (not a bundle) so errors are kept in place too; the batch lists them three
    // times (21 files), more than the window of finished files waiting to be written (8 x cores) on a small machine.
    private static readonly string[] Files =
    [
        "samples/fibromyalgia-long-term-prednisone.json",
        "samples/older-adult-opioid-benzo-gabapentinoid.json",
        "samples/rheumatoid-arthritis-on-methotrexate.json",
        "samples/vignettes/expected-findings.json",
        "samples/me-cfs.json",
        "samples/renal-impairment-pdn-duloxetine.json",
        "samples/azathioprine-with-allopurinol.json",
    ];

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public void A_batch_writes_the_same_bytes_as_one_file_at_a_time_in_input_order(string format)
    {
        var batch = ReliefProcess.Run([.. new[] { "assess", "--format", format, "--as-of", "2026-11-21" }, .. Files, .. Files, .. Files]);
        var single = Files.Select(f => ReliefProcess.Run("assess", "--format", format, "--as-of", "2026-11-21", f)).ToList();
        single = [.. single, .. single, .. single];

        Assert.Equal(string.Concat(single.Select(s => s.Output)), batch.Output);
        Assert.Equal(string.Concat(single.Select(s => s.Error)), batch.Error);
        Assert.Equal(2, batch.ExitCode);
    }
}
