using Relief.Bulk.Screening;

namespace Relief.Bulk.Tests;

/// <summary>The default number of spill partitions: about 48 MB each, at least eight while each holds 4 MB.</summary>
public sealed class PartitionCountTests
{
    [Theory]
    [InlineData(0L, 1)]
    [InlineData(1_000L, 1)] // a tiny export: one partition, not eight empty files
    [InlineData(9_700_000L, 3)] // 10 k synthetic patients: 4 MB each at most
    [InlineData(97_500_000L, 8)] // 100 k: eight for overlap, not the two that 48 MB would give
    [InlineData(400_000_000L, 8)]
    [InlineData(975_000_000L, 20)] // 1 M: by size
    [InlineData(200_000_000_000L, 3974)]
    [InlineData(1_000_000_000_000L, 4096)] // capped
    public void Partitions_follow_the_spilled_size(long bytes, int partitions) =>
        Assert.Equal(partitions, ScreenRun.PartitionCount(bytes));
}
