namespace Relief.Bulk.Synthesis;

/// <summary>
/// SplitMix64: a tiny generator whose output is fixed by its algorithm, not by the runtime (System.Random's
/// sequence is an implementation detail). Each patient gets its own stream, seeded from the cohort seed and the
/// patient's index, so patients can be generated in any order, on any number of threads, with the same bytes.
/// </summary>
internal struct SeededRandom
{
    private ulong _state;

    public SeededRandom(ulong seed, ulong stream)
    {
        _state = seed ^ (stream * 0xD1B54A32D192ED03UL);
        Next();
    }

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [min, max].</summary>
    public int Between(int min, int max) => min + (int)(Next() % (ulong)(max - min + 1));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[(int)(Next() % (ulong)items.Count)];
}
