using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;

namespace Relief.Core.Safety;

/// <summary>Collects data-quality notes once each, in the order they were found.</summary>
internal sealed class DataQualityLog
{
    // Made on the first note: most records have none.
    private List<DataQualityNote>? _notes;
    private HashSet<DataQualityNote>? _seen;

    public void Add(DataQualityKind kind, string message, string? resource = null, string? ruleId = null)
    {
        var note = new DataQualityNote(kind, message, resource, ruleId);
        _seen ??= [];
        if (_seen.Add(note))
        {
            (_notes ??= []).Add(note);
        }
    }

    /// <summary>
    /// The notes by kind, rule, resource and message. Every field takes part and the notes are distinct, so no two
    /// compare equal and an unstable sort gives the one order.
    /// </summary>
    public ImmutableArray<DataQualityNote> ToImmutable()
    {
        if (_notes is null)
        {
            return [];
        }

        var sorted = _notes.ToArray();
        Array.Sort(sorted, ByKindRuleResourceMessage);
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(sorted);
    }

    private static readonly Comparison<DataQualityNote> ByKindRuleResourceMessage = static (x, y) =>
    {
        var order = x.Kind.CompareTo(y.Kind);
        if (order == 0)
        {
            order = string.CompareOrdinal(x.RuleId, y.RuleId);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Resource, y.Resource);
        }

        return order != 0 ? order : string.CompareOrdinal(x.Message, y.Message);
    };
}
