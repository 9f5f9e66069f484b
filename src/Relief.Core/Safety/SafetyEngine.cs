using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Relief.Core.Patients;
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
    private static readonly SafetyResults NothingFound = new(SafetyReport.Empty, [], [], [], []);

    /// <summary>
    /// A response decision ("continue: meaningful response") about a drug that also carries an avoid or
    /// contraindicated caution names that caution, so the two are never read side by side unlinked (renal sample:
    /// continue duloxetine, avoid duloxetine when CrCl &lt; 30).
    /// </summary>
    private static ImmutableArray<ResponseFinding> LinkCautions(ImmutableArray<ResponseFinding> response, ImmutableArray<CautionFinding> cautions)
    {
        if (response.IsEmpty || cautions.IsEmpty)
        {
            return response;
        }

        return Linked(response, cautions);
    }

    // Apart from LinkCautions, so the captured cautions are allocated only when there is something to link.
    private static ImmutableArray<ResponseFinding> Linked(ImmutableArray<ResponseFinding> response, ImmutableArray<CautionFinding> cautions)
    {
        return [.. response.Select(finding =>
        {
            var serious = cautions
                .Where(c => c.Severity is Knowledge.Safety.CautionSeverity.Contraindicated or Knowledge.Safety.CautionSeverity.Avoid
                    && !c.FactorUnknown && c.IngredientIds.Contains(finding.IngredientId))
                .Select(c => $"see caution {c.RuleId}: {c.Severity.ToString().ToLowerInvariant()} with {c.FactorName}")
                .ToList();
            return serious.Count == 0
                ? finding
                : finding with { Notes = [.. finding.Notes, $"{(finding.Decision == Knowledge.Safety.ResponseDecisionKind.Continue ? "continue only after weighing the safety caution on the same drug" : "the same drug carries a safety caution")}: {string.Join("; ", serious)}"] };
        })];
    }

    /// <summary>
    /// The checks over a context made only when one could fire: with no current, proposed or past medication and no
    /// immunization (most screened records) no rule has anything to start from, and the context itself (a large object
    /// with its log) is the cost. <see cref="Assess(SafetyContext)"/> gives the same empty result for such a record.
    /// </summary>
    public static SafetyResults Assess(
        PatientRecord patient,
        LocalDate asOf,
        KnowledgeBase knowledge,
        ImmutableArray<ResolvedMedication> active,
        Func<MedicationFact, ResolvedMedication> resolve) =>
        CanFire(patient) ? Assess(new SafetyContext(patient, asOf, knowledge, active, resolve)) : NothingFound;

    private static bool CanFire(PatientRecord patient)
    {
        if (!patient.Immunizations.IsEmpty)
        {
            return true;
        }

        foreach (var medication in patient.Medications)
        {
            if (medication.Use is MedicationUse.Current or MedicationUse.Proposed or MedicationUse.Past)
            {
                return true;
            }
        }

        return false;
    }

    public static SafetyResults Assess(SafetyContext context)
    {
        // Every rule starts from a current or proposed medication, except immune globulin given as an immunization and
        // the cautions for a drug that stays in the body after it is stopped (leflunomide).
        if (context.Active.IsEmpty && context.Patient.Immunizations.IsEmpty)
        {
            var stopped = CautionChecker.CheckStoppedOnly(context);
            return stopped.IsEmpty
                ? NothingFound
                : new SafetyResults(new SafetyReport(stopped, [], []), [], [], context.Quality.ToImmutable(), []);
        }

        var cautions = CautionChecker.Check(context);
        var interactions = Interactions(context);
        var doses = DoseChecker.Check(context);
        var monitoring = MonitoringChecker.Check(context);
        var response = LinkCautions(ResponseChecker.Check(context), cautions);
        return new SafetyResults(
            new SafetyReport(cautions, interactions, doses), monitoring, response, context.Quality.ToImmutable(), context.UnrecognisedSoFar);
    }

    // Each kind in turn (pair, count, live vaccine, combination); nothing is allocated when none fires.
    private static ImmutableArray<InteractionFinding> Interactions(SafetyContext context)
    {
        List<InteractionFinding>? found = null;
        Add(ref found, PairInteractionChecker.Check(context));
        Add(ref found, CountInteractionChecker.Check(context));
        Add(ref found, LiveVaccineChecker.Check(context));
        Add(ref found, CombinationInteractionChecker.Check(context));
        return found is null ? [] : [.. found];

        static void Add(ref List<InteractionFinding>? found, IEnumerable<InteractionFinding> findings)
        {
            foreach (var finding in findings)
            {
                (found ??= []).Add(finding);
            }
        }
    }
}
