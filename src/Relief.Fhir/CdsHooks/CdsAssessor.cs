using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;

namespace Relief.Fhir.CdsHooks;

/// <summary>The engine's answer to a hook: the patient's assessment, plus taper guidance for each order being stopped.</summary>
public sealed record CdsAssessment(PatientAssessment Assessment, ImmutableArray<DraftOrderTaper> Tapers)
{
    /// <summary>Per unsafe draft order, a safer alternative for the same condition when the knowledge names one (<see cref="SaferAlternatives"/>).</summary>
    public ImmutableArray<DraftAlternative> Alternatives { get; init; } = [];
}

/// <summary>How to stop the medication a draft order discontinues (empty advice: no taper entry names its ingredients).</summary>
public sealed record DraftOrderTaper(DraftOrder Order, ImmutableArray<TaperAdvice> Advice);

public static class CdsAssessor
{
    public static CdsAssessment Assess(Assessor assessor, CdsRecord record, LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        ArgumentNullException.ThrowIfNull(record);
        var assessment = assessor.Assess(record.Record, asOf);
        var tapers = record.DraftOrders
            .Where(d => d.Intent == DraftOrderIntent.Stop && d.Selected)
            .Select(d => new DraftOrderTaper(d, assessor.TaperGuidance(record.Record, d.Id, asOf)))
            .ToImmutableArray();
        return new CdsAssessment(assessment, tapers) { Alternatives = SaferAlternatives.Find(assessor, record, assessment, asOf) };
    }
}
