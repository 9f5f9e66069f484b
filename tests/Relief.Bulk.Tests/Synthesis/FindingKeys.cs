using Relief.Core.Assessment;
using Relief.Core.Knowledge;

namespace Relief.Bulk.Tests.Synthesis;

/// <summary>
/// An assessment's findings in the truth vocabulary (samples/vignettes/expected-findings.json): "family:rule",
/// monitoring adds ":kind", response is "response:ingredient:decision". Cautions that could not be judged
/// (factor unknown) are not findings.
/// </summary>
internal static class FindingKeys
{
    public static IEnumerable<string> Of(PatientAssessment assessment)
    {
        foreach (var c in assessment.Safety.Cautions.Where(c => !c.FactorUnknown))
        {
            yield return $"caution:{c.RuleId}";
        }

        foreach (var i in assessment.Safety.Interactions)
        {
            yield return $"interaction:{i.RuleId}";
        }

        foreach (var d in assessment.Safety.Doses)
        {
            yield return $"dose:{d.RuleId}";
        }

        foreach (var m in assessment.Monitoring)
        {
            yield return $"monitoring:{m.RuleId}:{WireName.Of(m.Kind)}";
        }

        foreach (var r in assessment.Response)
        {
            yield return $"response:{r.IngredientId}:{(r.Decision is { } d ? WireName.Of(d) : "no-decision")}";
        }
    }
}
