namespace Relief.Core.Knowledge.Loading;

// The YAML shape of knowledge/conventions.yaml: every value is a whole number of days, all required.
#pragma warning disable CA1002, CA2227 // DTOs: YamlDotNet needs settable members.

internal sealed class ConventionsFile
{
    public int? BaselineReportDays { get; set; }

    public int? KidneyCreatinineWithinDays { get; set; }

    public int? KidneyWeightWithinDays { get; set; }

    public int? KidneyEgfrWithinDays { get; set; }

    public int? CourseGapDays { get; set; }

    public int? ThresholdConfirmationDays { get; set; }

    public int? ThresholdUnknownStartLookbackDays { get; set; }

    public int? ImmuneGlobulinLiveVaccineDays { get; set; }

    public int? PregnancyEvidenceDays { get; set; }
}
