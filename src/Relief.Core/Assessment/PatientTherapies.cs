using Relief.Core.Knowledge;
using Relief.Core.Patients;

namespace Relief.Core.Assessment;

/// <summary>
/// Which therapies the patient already has, by every id evidence may name them by (drug, class and ancestors,
/// non-drug therapy), with the resources that show it: built once per assessment in one pass over the
/// medications and procedures, so marking a condition's options is a lookup per option.
/// </summary>
internal sealed class PatientTherapies
{
    private PatientTherapies(Dictionary<string, List<string>> resourcesByTherapy) => ResourcesByTherapy = resourcesByTherapy;

    public IReadOnlyDictionary<string, List<string>> ResourcesByTherapy { get; }

    public static PatientTherapies Collect(
        PatientRecord patient,
        IEnumerable<(MedicationFact Fact, System.Collections.Immutable.ImmutableArray<IngredientMatch> Ingredients)> medications,
        KnowledgeBase knowledge)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (fact, ingredients) in medications)
        {
            var reference = $"{fact.ResourceType}/{fact.ResourceId}";
            foreach (var ingredient in ingredients)
            {
                foreach (var therapyId in knowledge.TherapyIdsByDrug[ingredient.DrugId])
                {
                    Add(map, therapyId, reference);
                }
            }
        }

        if (knowledge.TherapiesByCode.Count > 0)
        {
            foreach (var procedure in patient.Procedures)
            {
                foreach (var code in procedure.Concept.Codes)
                {
                    if (knowledge.TherapiesByCode.TryGetValue(code, out var therapy))
                    {
                        Add(map, therapy.Id, $"Procedure/{procedure.ResourceId}");
                    }
                }
            }
        }

        return new PatientTherapies(map);
    }

    private static void Add(Dictionary<string, List<string>> map, string therapyId, string reference)
    {
        if (!map.TryGetValue(therapyId, out var list))
        {
            map[therapyId] = list = [];
        }

        if (!list.Contains(reference, StringComparer.Ordinal))
        {
            list.Add(reference);
        }
    }
}
