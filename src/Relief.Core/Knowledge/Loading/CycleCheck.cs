namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// The one cycle check for every knowledge graph that names itself: conditions inheriting conditions, classes
/// with parents, groups naming groups. A cycle would make "every statement a condition inherits" or "every
/// drug a class holds" endless or ambiguous, so each entry on a cycle is an error of its own.
/// </summary>
internal static class CycleCheck
{
    /// <summary>The ids, in the order given, from which following <paramref name="next"/> leads back to the id itself.</summary>
    public static List<string> OnCycles(IEnumerable<string> ids, Func<string, IEnumerable<string>> next)
    {
        var onCycles = new List<string>();
        foreach (var id in ids)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(next(id));
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current == id)
                {
                    onCycles.Add(id);
                    break;
                }

                if (seen.Add(current))
                {
                    foreach (var following in next(current))
                    {
                        pending.Push(following);
                    }
                }
            }
        }

        return onCycles;
    }
}
