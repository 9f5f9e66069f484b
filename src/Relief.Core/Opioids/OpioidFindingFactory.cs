using System.Collections.Immutable;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Opioids;
using Relief.Core.Safety;

namespace Relief.Core.Opioids;

/// <summary>
/// Turns a fired opioid rule into the one <see cref="Finding"/> shape: wording, severity and proposals from the
/// rule in knowledge, the recommendation's category and evidence type as a note, the patient's facts, and a key
/// made of the rule and the triggering resources so the same situation keeps the same key.
/// </summary>
internal sealed class OpioidFindingFactory(KnowledgeBase knowledge)
{
    public Finding Make(
        string ruleId,
        IEnumerable<FactReference> facts,
        string? detail = null,
        IEnumerable<OpioidOrder>? orders = null,
        IEnumerable<ComputedValue>? computed = null,
        IEnumerable<string>? notes = null,
        Severity? severity = null,
        bool isUnchecked = false)
    {
        var rule = knowledge.Opioids.Rules[ruleId];
        var recommendation = knowledge.Opioids.Recommendations[rule.Recommendation];
        var factList = facts.ToImmutableArray();
        var orderList = orders?.ToList() ?? [];
        var citations = Citations.For(knowledge);
        return new Finding
        {
            Family = FindingFamily.Opioid,
            RuleId = rule.Id,
            Severity = severity ?? rule.Severity,
            Kind = $"recommendation-{rule.Recommendation}",
            Title = detail is null ? rule.Title : $"{rule.Title}: {detail}",
            IngredientIds = [.. orderList.SelectMany(o => o.IngredientIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Facts = factList,
            Computed = [.. computed ?? []],
            Codes = [.. orderList.SelectMany(o => o.Fact.Medication.Codes).Distinct()],
            Why = rule.Why,
            Action = rule.Action,
            Proposals = isUnchecked ? [] : rule.Proposals,
            Sources = [.. rule.SourceIds.Where(citations.ContainsKey).Select(id => citations[id])],
            Notes = [$"CDC 2022 {recommendation.Citation}: {recommendation.Topic}", .. notes ?? []],
            Unchecked = isUnchecked,
            Key = $"{WireName.Of(FindingFamily.Opioid)}|{rule.Id}|{string.Join(",", factList.Select(f => f.Reference).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}",
        };
    }
}
