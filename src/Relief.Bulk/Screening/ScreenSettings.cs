using NodaTime;
using Relief.Bulk.Grouping;

namespace Relief.Bulk.Screening;

/// <summary>One screening run's choices. None of them changes the output's bytes except <see cref="AsOf"/> and the shard.</summary>
public sealed record ScreenSettings
{
    public required string OutDirectory { get; init; }

    public required LocalDate AsOf { get; init; }

    /// <summary>The knowledge base's version: part of what a resumed run must match, and printed in the report.</summary>
    public string KnowledgeVersion { get; init; } = "";

    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Spill partitions; 0 picks from the input size so each holds about <see cref="ScreenRun.PartitionTargetBytes"/>.</summary>
    public int Partitions { get; init; }

    public ShardSpec Shard { get; init; } = ShardSpec.Whole;

    /// <summary>
    /// A pause after each committed part, for the test that kills a run midway (RELIEF_SCREEN_PART_PAUSE_MS);
    /// zero otherwise.
    /// </summary>
    public TimeSpan PauseAfterPart { get; init; }
}
