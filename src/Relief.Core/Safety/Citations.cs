using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;

namespace Relief.Core.Safety;

/// <summary>The citation of every source, built once per knowledge base rather than once per finding.</summary>
internal static class Citations
{
    private static readonly ConditionalWeakTable<KnowledgeBase, FrozenDictionary<string, SourceCitation>> ByKnowledge = [];

    public static FrozenDictionary<string, SourceCitation> For(KnowledgeBase knowledge) =>
        ByKnowledge.GetValue(knowledge, k => k.Sources.Values.ToFrozenDictionary(s => s.Id, s => new SourceCitation(s.Id, s.Citation, s.Year) { Label = s.Label, Kind = WireName.Of(s.Kind) }, StringComparer.Ordinal));
}
