using Relief.Bulk.Summary;

namespace Relief.Bulk.Output;

/// <summary>
/// <c>relief screen --merge</c>: the outputs of shard runs (each a directory with findings.ndjson and summary.json)
/// into one output, the same bytes a single run over the whole export writes.
/// </summary>
public static class ShardMerge
{
    public static ScreenSummary Run(IReadOnlyList<string> shardDirectories, string outDirectory)
    {
        var summary = new ScreenSummary();
        foreach (var directory in shardDirectories)
        {
            summary.Add(SummaryJsonContext.Read(Path.Combine(directory, ScreenOutputs.SummaryJson)));
        }

        summary.Normalise();
        ScreenOutputs.Write(outDirectory, [.. shardDirectories.Select(d => Path.Combine(d, ScreenOutputs.Rows))], summary);
        return summary;
    }
}
