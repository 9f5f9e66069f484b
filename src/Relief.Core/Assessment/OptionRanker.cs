using System.Collections.Frozen;
using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;

namespace Relief.Core.Assessment;

/// <summary>
/// Orders a condition's therapies: by the most favourable grade any source gives, then by line of
/// therapy, then by name. Statements against a therapy are never dropped; they mark it contested.
/// The ranking depends only on the knowledge, so it is computed once per condition when the engine is built;
/// an assessment only marks the options the patient already has.
/// </summary>
internal sealed class OptionRanker
{
    private readonly KnowledgeBase _knowledge;
    private readonly FrozenDictionary<string, ImmutableArray<TherapyOption>> _ranked;

    public OptionRanker(KnowledgeBase knowledge)
    {
        _knowledge = knowledge;
        var codesByTherapy = CodesByTherapy(knowledge);
        _ranked = knowledge.Conditions.ToFrozenDictionary(
            c => c.Id,
            c => RankOnce(c.Id, codesByTherapy),
            StringComparer.Ordinal);
    }

    public ImmutableArray<TherapyOption> Rank(MatchedCondition condition, PatientTherapies patientTherapies)
    {
        var options = _ranked[condition.Condition.Id];
        ImmutableArray<TherapyOption>.Builder? marked = null;
        for (var i = 0; i < options.Length; i++)
        {
            if (patientTherapies.ResourcesByTherapy.TryGetValue(options[i].TherapyId, out var resources))
            {
                marked ??= options.ToBuilder();
                marked[i] = options[i] with { PatientResources = [.. resources] };
            }
        }

        return marked?.MoveToImmutable() ?? options;
    }

    private ImmutableArray<TherapyOption> RankOnce(string conditionId, FrozenDictionary<string, ImmutableArray<Code>> codesByTherapy)
    {
        var unranked = new List<TherapyOption>();
        foreach (var group in _knowledge.EffectiveStatements[conditionId].GroupBy(s => s.Statement.TherapyId, StringComparer.Ordinal))
        {
            var findings = group
                .Select(s => EvidenceFindings.From(s, _knowledge))
                .OrderBy(f => f.Grade).ThenBy(f => f.Line ?? int.MaxValue).ThenByDescending(f => f.Year).ThenBy(f => f.StatementId, StringComparer.Ordinal)
                .ToImmutableArray();
            var description = _knowledge.Describe(group.Key);
            var line = findings.Where(f => f.Grade.IsFor() && f.Line is not null).Select(f => f.Line).Min();
            var contested = findings.Any(f => f.Grade.IsFor()) && findings.Any(f => f.Grade.IsAgainst());

            unranked.Add(new TherapyOption(
                0, group.Key, description.Name, description.Kind, findings[0].Grade, line, contested, description.Mechanism,
                codesByTherapy.GetValueOrDefault(group.Key, []), findings, []));
        }

        return unranked
            .OrderBy(o => o.Grade).ThenBy(o => o.Line ?? int.MaxValue).ThenBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
            .Select((o, i) => o with { Rank = i + 1 })
            .ToImmutableArray();
    }

    // The codes an option concerns: the ingredient's RxNorm code, every member ingredient of a class, or a
    // therapy's procedure codes.
    private static FrozenDictionary<string, ImmutableArray<Code>> CodesByTherapy(KnowledgeBase knowledge)
    {
        var codes = knowledge.Therapies.Values.ToDictionary(t => t.Id, t => t.Codes.ToList(), StringComparer.Ordinal);
        foreach (var (drugId, names) in knowledge.TherapyIdsByDrug)
        {
            if (knowledge.Drugs[drugId].RxNorm is not { } rxnorm)
            {
                continue;
            }

            foreach (var name in names)
            {
                if (!codes.TryGetValue(name, out var list))
                {
                    codes[name] = list = [];
                }

                list.Add(new Code(CodeSystems.RxNorm, rxnorm));
            }
        }

        return codes.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.Distinct().OrderBy(c => c.System, StringComparer.Ordinal).ThenBy(c => c.Value, StringComparer.Ordinal).ToImmutableArray(),
            StringComparer.Ordinal);
    }
}
