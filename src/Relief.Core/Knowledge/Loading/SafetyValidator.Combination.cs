using System.Collections.Frozen;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Knowledge.Loading;

// interactions.yaml combination rules (knowledge-format-safety.md §5.4): a third side `c` turns a pair into a three-way rule.
internal sealed partial class SafetyValidator
{
    private FrozenSet<string> CombinationSide(string f, string id, InteractionKind kind, InteractionEntry entry)
    {
        if (entry.C is null)
        {
            return FrozenSet<string>.Empty;
        }

        if (kind != InteractionKind.Combination)
        {
            Error(f, id, KnowledgeMessages.OnlyFor("c (a third side)", "a combination rule"));
            return FrozenSet<string>.Empty;
        }

        if (entry.WashoutDays is { Count: > 0 })
        {
            Error(f, id, "a combination rule counts current and proposed medications only; washout-days is not supported");
        }

        return Refs(f, id, entry.C, "c");
    }
}
