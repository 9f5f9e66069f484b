using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;

namespace Relief.Bulk.Tests.Synthesis;

/// <summary>
/// An assessment's unified findings (<see cref="PatientAssessment.Findings"/>) in the truth vocabulary
/// (samples/vignettes/expected-findings.json): "family:rule", monitoring adds ":kind", response is
/// "response:ingredient:decision". Findings that could not be judged (unchecked) and data-quality notes are not
/// in the truth.
/// </summary>
internal static class FindingKeys
{
    public static IEnumerable<string> Of(PatientAssessment assessment)
    {
        foreach (var f in assessment.Findings.Where(f => !f.Unchecked))
        {
            var key = f.Family switch
            {
                FindingFamily.Caution => $"caution:{f.RuleId}",
                FindingFamily.Interaction => $"interaction:{f.RuleId}",
                FindingFamily.Dose => $"dose:{f.RuleId}",
                FindingFamily.Monitoring => $"monitoring:{f.RuleId}:{f.Kind}",
                FindingFamily.Response => $"response:{f.IngredientIds[0]}:{f.Kind}",
                _ => null,
            };
            if (key is not null)
            {
                yield return key;
            }
        }
    }
}
