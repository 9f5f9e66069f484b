using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Monitoring;

/// <summary>
/// "Do not start" limits for a proposed drug (knowledge-format-safety.md §8.2b; JAK inhibitor labels: not below a lymphocyte
/// count of 500/mm3, a neutrophil count of 1000/mm3, or haemoglobin of 9 g/dL for tofacitinib and 8 g/dL for baricitinib
/// and upadacitinib). Judged on the most recent result within the limit's window; a result past the limit says withhold
/// (at least major on the severity scale). No recent result: nothing here, the protocol's baseline item reports it
/// missing. A drug already current is judged by the protocol's thresholds instead.
/// </summary>
internal static class StartLimitCheck
{
    public static IEnumerable<MonitoringFinding> Check(SafetyContext context, MonitoringProtocol protocol, List<ResolvedMedication> medications)
    {
        if (protocol.StartLimits.IsEmpty || medications.Any(m => m.Fact.Use == MedicationUse.Current))
        {
            yield break;
        }

        var proposed = medications.Where(m => m.Fact.Use == MedicationUse.Proposed).ToList();
        if (proposed.Count == 0)
        {
            yield break;
        }

        foreach (var limit in protocol.StartLimits)
        {
            var concerned = limit.Drugs.Count == 0
                ? proposed
                : proposed.Where(m => m.Ingredients.Any(i => limit.Drugs.Contains(i.DrugId))).ToList();
            if (concerned.Count == 0
                || context.Observations.LatestBetween(limit.TestId, context.AsOf.PlusDays(-limit.WithinDays), context.AsOf) is not { } latest
                || !context.TryValue(latest, limit.TestId, limit.Unit, limit.Key, out var value)
                || !Crosses(limit, value))
            {
                continue;
            }

            var name = MonitoringChecker.TestName(context, limit.TestId);
            var recorded = $"{FactReferences.Format(latest.Value!.Value)} {latest.UnitCode ?? latest.Unit}".TrimEnd();
            var rule = $"{limit.Comparator.Symbol()} {FactReferences.Format(limit.Value)} {limit.Unit}";
            var inLimitUnit = (latest.UnitCode ?? latest.Unit) == limit.Unit ? "" : $" (= {FactReferences.Format(Math.Round(value, 2))} {limit.Unit})";
            yield return new MonitoringFinding
            {
                RuleId = limit.Key,
                ProtocolId = protocol.Id,
                ProtocolName = protocol.Name,
                Kind = MonitoringFindingKind.ThresholdBreached,
                Action = MonitoringAction.WithholdAndDiscuss,
                TestIds = [limit.TestId],
                Medications = [.. concerned.Select(m => FactReferences.Of(m.Fact))],
                Results = [FactReferences.Of(latest, "latest result")],
                Message = $"{name} {recorded}{inLimitUnit} on {FactReferences.Date(latest.Effective!.Value)} is past the limit for starting ({rule}): do not start",
                Sources = context.Cite(limit.SourceIds),
                Codes = [.. latest.Concept.Codes, .. concerned.SelectMany(SafetyContext.CodesOf)],
                Threshold = $"do not start if {rule}",
                IngredientIds = MonitoringChecker.IngredientsOf(protocol, concerned),
                ReferenceDate = context.AsOf,
                Note = limit.LocalConvention
                    ? $"{limit.Note}{(limit.Note is null ? "" : "; ")}the {limit.WithinDays}-day window for a recent result is a local convention"
                    : limit.Note,
                LocalConvention = limit.LocalConvention,
            };
        }
    }

    private static bool Crosses(StartLimit limit, decimal value) => limit.Comparator switch
    {
        Comparator.LessThan => value < limit.Value,
        Comparator.GreaterThan => value > limit.Value,
        Comparator.LessOrEqual => value <= limit.Value,
        _ => value >= limit.Value,
    };
}
