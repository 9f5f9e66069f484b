using Relief.Core.Knowledge;

namespace Relief.Core.Assessment;

/// <summary>Builds the output form of a statement, with its source's citation.</summary>
internal static class EvidenceFindings
{
    public static EvidenceFinding From(ApplicableStatement applicable, KnowledgeBase knowledge)
    {
        var s = applicable.Statement;
        var source = knowledge.Sources[s.SourceId];
        return new EvidenceFinding(
            s.Id, s.TherapyId, s.Grade, s.Line, s.Quality, s.Nnt, s.Nnh, s.Summary, source.Id, source.Label, source.Citation, source.Year, applicable.InheritedFrom);
    }
}
