using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Relief.Store.Knowledge;
using Relief.Store.Model;

namespace Relief.Store.Assessment;

/// <summary>
/// ME/CFS energy-management advice from recorded PEM crashes and the exertion before them. Every sentence comes
/// from knowledge/follow-up/pacing.yaml with its source (NICE NG206 section 1.11); this class only decides which
/// statements apply: a recent crash (any-crash), and a crash preceded by exertion at or above the envelope score
/// in the window before it (crash-after-high-exertion).
/// </summary>
internal static class PacingAdvisor
{
    public const string MeCfsConditionId = "me-cfs";

    public static ImmutableArray<PacingFinding> Advise(
        IReadOnlyList<PemEpisode> crashes,
        IReadOnlyList<DiaryEntry> diary,
        PacingKnowledge pacing,
        KnowledgeBase knowledge,
        DateTime asOfEnd)
    {
        var since = asOfEnd.AddDays(-pacing.RecentCrashDays);
        var recent = crashes.Where(c => c.StartedAt >= since && c.StartedAt <= asOfEnd).ToList();
        if (recent.Count == 0)
        {
            return [];
        }

        var linked = recent.Select(c => new LinkedCrash(c.Id, c.StartedAt, c.Severity, PriorExertion(c, diary, pacing))).ToImmutableArray();
        var afterHigh = linked.Where(c => c.PriorExertion.Any(e => e.Exertion >= pacing.HighExertionScore)).ToImmutableArray();
        var findings = ImmutableArray.CreateBuilder<PacingFinding>();
        foreach (var advice in pacing.Advice)
        {
            var applies = advice.When switch
            {
                "any-crash" => linked,
                "crash-after-high-exertion" => afterHigh,
                _ => [],
            };
            if (applies.IsEmpty)
            {
                continue;
            }

            var source = knowledge.Sources.TryGetValue(advice.SourceId, out var s)
                ? new SourceCitation(s.Id, s.Title, s.Year) { Label = advice.Section is null ? s.Label : $"{s.Label} {advice.Section}" }
                : new SourceCitation(advice.SourceId, advice.SourceId, 0);
            findings.Add(new PacingFinding(advice.Id, advice.Text, source, applies));
        }

        return findings.ToImmutable();
    }

    /// <summary>The diary's exertion ratings in the window before a crash (knowledge: from-hours-before to to-hours-before).</summary>
    public static ImmutableArray<(long DiaryEntryId, DateTime At, int Exertion)> PriorExertion(PemEpisode crash, IReadOnlyList<DiaryEntry> diary, PacingKnowledge pacing)
    {
        var from = crash.StartedAt.AddHours(-pacing.FromHoursBefore);
        var to = crash.StartedAt.AddHours(-pacing.ToHoursBefore);
        return [.. diary.Where(d => d.Exertion is not null && d.At >= from && d.At <= to).Select(d => (d.Id, d.At, d.Exertion!.Value))];
    }
}

/// <summary>One pacing statement that applies, its source, and the crashes (with prior exertion) that made it apply.</summary>
public sealed record PacingFinding(string AdviceId, string Text, SourceCitation Source, ImmutableArray<LinkedCrash> Crashes);

public sealed record LinkedCrash(long EpisodeId, DateTime StartedAt, int Severity, ImmutableArray<(long DiaryEntryId, DateTime At, int Exertion)> PriorExertion);
