using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Opioids;
using Relief.Core.Patients;

namespace Relief.Core.Opioids;

/// <summary>
/// Whether the guideline applies to this patient: it is for adults, and not for end-of-life, hospice or palliative
/// care, active cancer, or sickle cell disease. Returns the first exclusion found and the fact that shows it.
/// </summary>
internal static class OpioidExclusions
{
    public static (string Name, FactReference? Fact)? Find(PatientRecord patient, NodaTime.LocalDate asOf, OpioidKnowledge knowledge)
    {
        if (patient.AgeOn(asOf) is { } age && age < knowledge.Windows!.AdultAge)
        {
            return ($"aged {age}: the guideline is for adults", null);
        }

        foreach (var exclusion in knowledge.Exclusions)
        {
            foreach (var condition in patient.Conditions)
            {
                if (condition.IsCurrent && exclusion.Conditions.Any(set => set.ContainsAny(condition.Concept.Codes)))
                {
                    return (exclusion.Name, new FactReference("Condition", condition.ResourceId, condition.Concept.ToString(), condition.Onset ?? condition.Recorded) { Role = "exclusion" });
                }
            }

            foreach (var procedure in patient.Procedures)
            {
                if (procedure.Status is "completed" or "in-progress" && exclusion.Procedures.Any(set => set.ContainsAny(procedure.Concept.Codes)))
                {
                    return (exclusion.Name, new FactReference("Procedure", procedure.ResourceId, procedure.Concept.ToString(), procedure.Performed) { Role = "exclusion" });
                }
            }

            foreach (var observation in patient.Observations)
            {
                if (observation.IsUsable && observation.Status != "unknown" && exclusion.Observations.Any(set => set.ContainsAny(observation.Concept.Codes)))
                {
                    return (exclusion.Name, new FactReference("Observation", observation.ResourceId, observation.Concept.ToString(), observation.Effective) { Role = "exclusion" });
                }
            }
        }

        return null;
    }
}
