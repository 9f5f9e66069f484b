namespace Relief.Fhir.Reading;

/// <summary>
/// A set for the span of one read, kept per thread and reused by the next, for the same reason and in the same way as
/// <see cref="ScratchList{T}"/> (one kept: a read rents one set of a type).
/// </summary>
internal static class ScratchSet<T>
{
    private const int MaxKeptCapacity = 4096;

    [ThreadStatic]
    private static HashSet<T>? kept;

    public static HashSet<T> Rent()
    {
        var set = kept ?? [];
        kept = null;
        return set;
    }

    public static void Return(HashSet<T> set)
    {
        set.Clear();
        if (set.Capacity <= MaxKeptCapacity)
        {
            kept = set;
        }
    }
}
