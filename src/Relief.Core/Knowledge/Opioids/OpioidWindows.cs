namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// The look-back windows and thresholds the rules use, each from the guideline or the reference CDS
/// (knowledge/opioids/guideline.yaml, <c>windows:</c>). Named properties, so a missing one is a load error
/// rather than a silent default.
/// </summary>
public sealed record OpioidWindows(
    int SubacuteSupplyDays,
    int AcuteSupplyBelowDays,
    int AcuteMaxDays,
    int NaiveLookbackDays,
    int ActiveOrderYears,
    int ReviewLookbackDays,
    int ContinuityShortWindowDays,
    int ContinuityShortMinDays,
    int ContinuityMonthMinDays,
    int ScreeningLookbackMonths,
    decimal MmeReassess,
    decimal MmeAvoid,
    int AdultAge)
{
    /// <summary>The names in guideline.yaml, in the order of the constructor.</summary>
    public static readonly string[] Names =
    [
        "subacute-supply-days", "acute-supply-below-days", "acute-max-days", "naive-lookback-days", "active-order-years",
        "review-lookback-days", "continuity-short-window-days", "continuity-short-min-days", "continuity-month-min-days",
        "screening-lookback-months", "mme-reassess", "mme-avoid", "adult-age",
    ];
}
