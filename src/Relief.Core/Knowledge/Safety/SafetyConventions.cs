namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// Numbers Relief chose where no source gives one, from knowledge/conventions.yaml. They live in knowledge so a
/// reviewer sees every chosen number in one place, and findings that rest on them say so.
/// </summary>
public sealed record SafetyConventions
{
    public required int BaselineReportDays { get; init; }

    public required int KidneyCreatinineWithinDays { get; init; }

    public required int KidneyWeightWithinDays { get; init; }

    public required int KidneyEgfrWithinDays { get; init; }

    public required int CourseGapDays { get; init; }

    public required int ThresholdConfirmationDays { get; init; }

    public required int ThresholdUnknownStartLookbackDays { get; init; }

    public required int ImmuneGlobulinLiveVaccineDays { get; init; }

    public required int PregnancyEvidenceDays { get; init; }

    /// <summary>A day-count convention by its conventions.yaml key, for knowledge entries that name one; null when unknown.</summary>
    public int? Days(string key) => key switch
    {
        "pregnancy-evidence-days" => PregnancyEvidenceDays,
        "baseline-report-days" => BaselineReportDays,
        _ => null,
    };
}
