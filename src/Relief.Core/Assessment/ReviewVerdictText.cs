namespace Relief.Core.Assessment;

/// <summary>A review verdict in a clinician's words, one wording for the CLI, the web and cards.</summary>
public static class ReviewVerdictText
{
    public static string Of(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.RecommendedAgainst => "recommended against",
        ReviewVerdict.Contested => "sources disagree",
        ReviewVerdict.Supported => "supported",
        ReviewVerdict.Unproven => "unproven",
        ReviewVerdict.NoEvidenceForConditions => "no evidence for these conditions",
        _ => "not assessed",
    };
}
