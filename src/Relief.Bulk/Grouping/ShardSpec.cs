using System.Globalization;

namespace Relief.Bulk.Grouping;

/// <summary>
/// <c>--shard K/N</c>: this run screens the patients whose hash falls in shard K of N (K counts from 0, like a
/// Kubernetes Indexed Job's completion index, a Spark partition id or a Dask task number). A patient is never split.
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    public static readonly ShardSpec Whole = new(0, 1);

    public bool Contains(ulong patientHash) => PatientHash.Shard(patientHash, Count) == Index;

    public bool ReportsLine(string file, long line) => PatientHash.LineShard(file, line, Count) == Index;

    public static bool TryParse(string text, out ShardSpec shard, out string? problem)
    {
        shard = Whole;
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            problem = $"--shard '{text}' is not K/N (for example 0/4)";
            return false;
        }

        if (count < 1 || index >= count)
        {
            problem = $"--shard '{text}': K must be from 0 to N-1 and N at least 1";
            return false;
        }

        shard = new ShardSpec(index, count);
        problem = null;
        return true;
    }

    public override string ToString() => $"{Index}/{Count}";
}
