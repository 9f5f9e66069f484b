namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// Numbers Relief chose where no source gives one, from knowledge/conventions.yaml. They live in knowledge so a
/// reviewer sees every chosen number in one place, and findings that rest on them say so.
/// </summary>
public sealed record SafetyConventions(
    int BaselineReportDays,
    int KidneyCreatinineWithinDays,
    int KidneyWeightWithinDays,
    int KidneyEgfrWithinDays,
    int CourseGapDays,
    int ThresholdConfirmationDays,
    int ThresholdUnknownStartLookbackDays,
    int ImmuneGlobulinLiveVaccineDays,
    int PregnancyEvidenceDays)
{
    /// <summary>A day-count convention by its conventions.yaml key, for knowledge entries that name one; null when unknown.</summary>
    public int? Days(string key) => key switch
    {
        "pregnancy-evidence-days" => PregnancyEvidenceDays,
        "baseline-report-days" => BaselineReportDays,
        _ => null,
    };
}
