using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;

namespace Relief.Core.Safety;

/// <summary>Collects data-quality notes once each, in the order they were found.</summary>
internal sealed class DataQualityLog
{
    private readonly List<DataQualityNote> _notes = [];
    private readonly HashSet<DataQualityNote> _seen = [];

    public void Add(DataQualityKind kind, string message, string? resource = null, string? ruleId = null)
    {
        var note = new DataQualityNote(kind, message, resource, ruleId);
        if (_seen.Add(note))
        {
            _notes.Add(note);
        }
    }

    public ImmutableArray<DataQualityNote> ToImmutable() =>
        [.. _notes.OrderBy(n => n.Kind).ThenBy(n => n.RuleId, StringComparer.Ordinal).ThenBy(n => n.Resource, StringComparer.Ordinal).ThenBy(n => n.Message, StringComparer.Ordinal)];
}
