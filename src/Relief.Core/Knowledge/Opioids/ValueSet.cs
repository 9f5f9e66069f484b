using System.Collections.Frozen;
using Relief.Core.Codes;

namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// A named set of codes carried over from a source (the CDC opioid CDS value sets), with Relief's reviewed
/// additions. Membership is a frozen-set lookup, so testing a record's codes never scans a list.
/// </summary>
public sealed class ValueSet(string id, string name, string url, string sourceId, FrozenSet<Code> codes)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>The canonical URL of the value set in its source.</summary>
    public string Url { get; } = url;

    public string SourceId { get; } = sourceId;

    public FrozenSet<Code> Codes { get; } = codes;

    public bool Contains(Code code) => Codes.Contains(code);

    public bool ContainsAny(IEnumerable<Code> codes) => codes.Any(Codes.Contains);

    /// <summary>The same test for a record's codes as the reader gives them: no enumerator or delegate per call.</summary>
    public bool ContainsAny(System.Collections.Immutable.ImmutableArray<Code> codes)
    {
        foreach (var code in codes)
        {
            if (Codes.Contains(code))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => $"{Id} ({Codes.Count} codes)";
}
