using Relief.Core.Assessment;
using Relief.Core.Knowledge.Model;

namespace Relief.Cli.Rendering;

/// <summary>Colours for the fixed vocabularies, so a terminal reader sees for/against at a glance.</summary>
public static class GradeStyle
{
    public static string Of(EvidenceGrade grade) => grade switch
    {
        EvidenceGrade.StrongFor => "green",
        EvidenceGrade.WeakFor => "olive",
        EvidenceGrade.Insufficient or EvidenceGrade.Experimental => "grey",
        EvidenceGrade.WeakAgainst => "darkorange",
        _ => "red",
    };

    public static string Of(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Supported => "green",
        ReviewVerdict.Contested => "yellow",
        ReviewVerdict.RecommendedAgainst => "red",
        _ => "grey",
    };
}
