namespace Relief.Bulk.Grouping;

/// <summary>How the first pass spills: into how many partitions, for which shard, with how many workers.</summary>
public sealed record SplitSettings(string SpillDirectory, int Partitions, ShardSpec Shard, int Threads);
