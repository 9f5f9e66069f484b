namespace Relief.Fhir.Reading;

/// <summary>
/// A list for the span of one read, kept per thread and reused by the next read: the screen reads a million small
/// patients, and the few lists each read needs while it places resources were a large part of its allocations.
/// </summary>
/// <remarks>
/// Two are kept (a read rents two of a type at once). <see cref="Rent"/> takes a list out of its slot, so a read nested
/// in another (none today) gets a list of its own; <see cref="Return"/> empties it (no element outlives the read: they
/// hold the parsed documents) and puts it back unless a very large bundle grew it.
/// </remarks>
internal static class ScratchList<T>
{
    private const int MaxKeptCapacity = 4096;

    [ThreadStatic]
    private static List<T>? kept;

    [ThreadStatic]
    private static List<T>? keptToo;

    public static List<T> Rent()
    {
        if (kept is { } list)
        {
            kept = null;
            return list;
        }

        if (keptToo is { } other)
        {
            keptToo = null;
            return other;
        }

        return [];
    }

    public static void Return(List<T> list)
    {
        list.Clear();
        if (list.Capacity > MaxKeptCapacity)
        {
            return;
        }

        if (kept is null)
        {
            kept = list;
        }
        else
        {
            keptToo ??= list;
        }
    }
}
