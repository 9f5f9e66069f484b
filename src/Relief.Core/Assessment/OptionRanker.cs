using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;
using Relief.Core.Patients;

namespace Relief.Core.Assessment;

/// <summary>
/// Orders a condition's therapies: by the most favourable grade any source gives, then by line of
/// therapy, then by name. Statements against a therapy are never dropped; they mark it contested.
/// </summary>
internal sealed class OptionRanker(KnowledgeBase knowledge)
{
    public ImmutableArray<TherapyOption> Rank(
        MatchedCondition condition,
        PatientRecord patient,
        ImmutableArray<(MedicationFact Fact, ImmutableArray<IngredientMatch> Ingredients)> medications)
    {
        var groups = knowledge.EffectiveStatements[condition.Condition.Id]
            .GroupBy(s => s.Statement.TherapyId, StringComparer.Ordinal);

        var unranked = new List<TherapyOption>();
        foreach (var group in groups)
        {
            var findings = group
                .Select(s => EvidenceFindings.From(s, knowledge))
                .OrderBy(f => f.Grade).ThenBy(f => f.Line ?? int.MaxValue).ThenByDescending(f => f.Year).ThenBy(f => f.StatementId, StringComparer.Ordinal)
                .ToImmutableArray();
            var description = knowledge.Describe(group.Key);
            var best = findings[0].Grade;
            var line = findings.Where(f => f.Grade.IsFor() && f.Line is not null).Select(f => f.Line).Min();
            var contested = findings.Any(f => f.Grade.IsFor()) && findings.Any(f => f.Grade.IsAgainst());

            unranked.Add(new TherapyOption(
                0, group.Key, description.Name, description.Kind, best, line, contested, description.Mechanism,
                TherapyCodes(group.Key), findings, PatientResources(group.Key, patient, medications)));
        }

        return unranked
            .OrderBy(o => o.Grade).ThenBy(o => o.Line ?? int.MaxValue).ThenBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
            .Select((o, i) => o with { Rank = i + 1 })
            .ToImmutableArray();
    }

    // The codes an option concerns: the ingredient's RxNorm code, every member ingredient of a class, or a
    // therapy's procedure codes.
    private ImmutableArray<Code> TherapyCodes(string therapyId)
    {
        if (knowledge.Therapies.TryGetValue(therapyId, out var therapy))
        {
            return therapy.Codes;
        }

        return knowledge.TherapyIdsByDrug
            .Where(kv => kv.Value.Contains(therapyId, StringComparer.Ordinal))
            .Select(kv => knowledge.Drugs[kv.Key].RxNorm)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .Select(rx => new Code(CodeSystems.RxNorm, rx))
            .ToImmutableArray();
    }

    // Resources showing the patient already takes, is offered, or has had this therapy.
    private ImmutableArray<string> PatientResources(
        string therapyId,
        PatientRecord patient,
        ImmutableArray<(MedicationFact Fact, ImmutableArray<IngredientMatch> Ingredients)> medications)
    {
        var resources = ImmutableArray.CreateBuilder<string>();
        foreach (var (fact, ingredients) in medications)
        {
            if (ingredients.Any(i => knowledge.TherapyIdsByDrug[i.DrugId].Contains(therapyId, StringComparer.Ordinal)))
            {
                resources.Add($"{fact.ResourceType}/{fact.ResourceId}");
            }
        }

        if (knowledge.Therapies.TryGetValue(therapyId, out var therapy) && !therapy.Codes.IsEmpty)
        {
            foreach (var procedure in patient.Procedures)
            {
                if (procedure.Concept.Codes.Any(therapy.Codes.Contains))
                {
                    resources.Add($"Procedure/{procedure.ResourceId}");
                }
            }
        }

        return resources.ToImmutable();
    }
}
