using System.Collections.Immutable;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;

namespace Relief.Core.Assessment;

/// <summary>Builds the output form of a statement, with its source's citation and what it covers.</summary>
internal static class EvidenceFindings
{
    public static EvidenceFinding From(ApplicableStatement applicable, KnowledgeBase knowledge)
    {
        var s = applicable.Statement;
        var source = knowledge.Sources[s.SourceId];
        var named = knowledge.Describe(s.TherapyId);
        var members = s.Members.Select(id => knowledge.Drugs[id].Name).ToImmutableArray();
        var excludes = s.Excludes.Select(id => knowledge.Drugs[id].Name).ToImmutableArray();
        var forms = s.Forms.Select(id => knowledge.Drugs[s.TherapyId].Forms.First(f => f.Id == id).Name).ToImmutableArray();
        return new EvidenceFinding
        {
            StatementId = s.Id,
            TherapyId = s.TherapyId,
            Grade = s.Grade,
            Line = s.Line,
            Quality = s.Quality,
            Nnt = s.Nnt,
            Nnh = s.Nnh,
            Summary = s.Summary,
            SourceId = source.Id,
            SourceLabel = source.Label,
            Citation = source.Citation,
            Year = source.Year,
            InheritedFrom = applicable.InheritedFrom,
            StatedFor = new TherapyOrigin(named.Id, named.Name, named.Kind),
            Members = members,
            Excludes = excludes,
            Forms = forms,
            Usage = s.Usage,
            Qualifier = Qualifier(members, excludes, forms, s.Usage),
        };
    }

    // One phrase a clinician reads beside the grade: "duloxetine and venlafaxine only; as rescue therapy only".
    private static string? Qualifier(ImmutableArray<string> members, ImmutableArray<string> excludes, ImmutableArray<string> forms, StatementUsage usage)
    {
        var parts = new List<string>();
        if (!members.IsEmpty)
        {
            parts.Add($"{Join(members)} only");
        }

        if (!excludes.IsEmpty)
        {
            parts.Add($"not {Join(excludes)}");
        }

        if (!forms.IsEmpty)
        {
            parts.Add($"{Join(forms)} only");
        }

        if (usage == StatementUsage.Rescue)
        {
            parts.Add("as acute rescue therapy only, not long-term");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string Join(ImmutableArray<string> names) =>
        names.Length == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Length - 1))} and {names[^1]}";
}
