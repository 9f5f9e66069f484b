namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// The look-back windows and thresholds the rules use, each from the guideline or the reference CDS
/// (knowledge/opioids/guideline.yaml, <c>windows:</c>). Named properties, so a missing one is a load error
/// rather than a silent default.
/// </summary>
public sealed record OpioidWindows
{
    public required int SubacuteSupplyDays { get; init; }

    public required int AcuteSupplyBelowDays { get; init; }

    public required int AcuteMaxDays { get; init; }

    public required int NaiveLookbackDays { get; init; }

    public required int ActiveOrderYears { get; init; }

    public required int ReviewLookbackDays { get; init; }

    public required int ContinuityShortWindowDays { get; init; }

    public required int ContinuityShortMinDays { get; init; }

    public required int ContinuityMonthMinDays { get; init; }

    public required int ScreeningLookbackMonths { get; init; }

    public required decimal MmeReassess { get; init; }

    public required decimal MmeAvoid { get; init; }

    public required int AdultAge { get; init; }

    /// <summary>The names in guideline.yaml, in the order of the constructor.</summary>
    public static readonly string[] Names =
    [
        "subacute-supply-days", "acute-supply-below-days", "acute-max-days", "naive-lookback-days", "active-order-years",
        "review-lookback-days", "continuity-short-window-days", "continuity-short-min-days", "continuity-month-min-days",
        "screening-lookback-months", "mme-reassess", "mme-avoid", "adult-age",
    ];
}
