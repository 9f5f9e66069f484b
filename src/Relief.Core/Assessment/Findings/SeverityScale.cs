using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Findings;

/// <summary>
/// Maps each family's own vocabulary onto the one <see cref="Severity"/> scale (documented in docs/severity.md).
/// The floor rules of the clinical audit live here: a threshold that says withhold or stop is at least major,
/// a missing baseline is at least moderate, anything Relief could not judge is info and marked unchecked.
/// </summary>
public static class SeverityScale
{
    public static Severity Of(CautionSeverity severity) => severity switch
    {
        CautionSeverity.Contraindicated => Severity.Contraindicated,
        CautionSeverity.Avoid => Severity.Major,
        _ => Severity.Moderate,
    };

    public static Severity Of(InteractionSeverity severity) => severity switch
    {
        InteractionSeverity.Contraindicated => Severity.Contraindicated,
        InteractionSeverity.Major => Severity.Major,
        _ => Severity.Moderate,
    };

    public static Severity Of(DoseSeverity severity) => severity == DoseSeverity.Major ? Severity.Major : Severity.Moderate;

    public static Severity Of(MonitoringFindingKind kind, MonitoringAction? action) => kind switch
    {
        MonitoringFindingKind.ThresholdBreached => action switch
        {
            MonitoringAction.Stop or MonitoringAction.WithholdAndDiscuss => Severity.Major,
            _ => Severity.Moderate,
        },
        MonitoringFindingKind.BaselineMissing or MonitoringFindingKind.Overdue => Severity.Moderate,
        _ => Severity.Info,
    };

    /// <summary>Stopping or reconsidering a drug that is not working is a decision to make at this visit; the rest is information.</summary>
    public static Severity Of(ResponseDecisionKind? decision) => decision switch
    {
        ResponseDecisionKind.Stop or ResponseDecisionKind.Reconsider => Severity.Moderate,
        _ => Severity.Info,
    };

    /// <summary>Every data-quality note is information: it says what could not be checked, never that something is safe.</summary>
    public static Severity Of(DataQualityKind kind) => Severity.Info;
}
