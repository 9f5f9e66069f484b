using System.Collections.Immutable;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;
using Relief.Core.Safety.Cautions;
using Relief.Core.Safety.Doses;
using Relief.Core.Safety.Interactions;
using Relief.Core.Safety.Monitoring;
using Relief.Core.Safety.Response;

namespace Relief.Core.Safety;

/// <summary>Everything the safety layer found for one patient on one date.</summary>
internal sealed record SafetyResults(
    SafetyReport Report,
    ImmutableArray<MonitoringFinding> Monitoring,
    ImmutableArray<ResponseFinding> Response,
    ImmutableArray<DataQualityNote> DataQuality,
    IReadOnlyList<UnrecognisedCode> Unrecognised);

/// <summary>
/// Runs the safety checks (cautions, interactions, doses, monitoring, response) over one patient's context.
/// Pure: the context holds the record, the knowledge and asOf. Lists come back unordered: the assessment
/// sorts every finding once (FindingOrder) when it projects them.
/// </summary>
internal static class SafetyEngine
{
    public static SafetyResults Assess(SafetyContext context)
    {
        // Every rule starts from a current or proposed medication, except immune globulin given as an immunization.
        if (context.Active.IsEmpty && context.Immunizations.IsEmpty)
        {
            return new SafetyResults(SafetyReport.Empty, [], [], [], []);
        }

        var cautions = CautionChecker.Check(context);
        var interactions = PairInteractionChecker.Check(context)
            .Concat(CountInteractionChecker.Check(context))
            .Concat(LiveVaccineChecker.Check(context))
            .ToImmutableArray();
        var doses = DoseChecker.Check(context);
        var monitoring = MonitoringChecker.Check(context);
        var response = ResponseChecker.Check(context);
        return new SafetyResults(
            new SafetyReport(cautions, interactions, doses), monitoring, response, context.Quality.ToImmutable(), context.Unrecognised);
    }
}
