using NodaTime;

namespace Relief.Bulk.Synthesis;

/// <summary>What `relief synth` generates: how many patients, from which seed, assessed as of which date, into which folder.</summary>
public sealed record SynthOptions(long Patients, ulong Seed, string OutputDirectory, LocalDate AsOf, CohortMix Mix = CohortMix.Realistic)
{
    /// <summary>The default reference date: fixed, so that the same command always writes the same bytes.</summary>
    public static readonly LocalDate DefaultAsOf = new(2026, 11, 21);

    /// <summary>Worker threads; output is identical for any value.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}

/// <summary>What a run wrote: resources per type, patients, bytes.</summary>
public sealed record SynthSummary(long Patients, IReadOnlyDictionary<string, long> ResourceCounts, long Bytes, string ManifestPath, string TruthPath);
