using NodaTime;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Opioids;
using Relief.Core.Patients;

namespace Relief.Core.Opioids;

/// <summary>
/// Whether the guideline applies to this patient: it is for adults, and not for end-of-life, hospice or palliative
/// care, active cancer, or sickle cell disease. Returns the first exclusion found and the fact that shows it. Each
/// exclusion reads the record as the reference service (opioid-cds-r4) does; docs/opioid-review.md gives the rules.
/// </summary>
internal static class OpioidExclusions
{
    /// <summary>Encounter statuses the reference counts for a discharge to hospice (planned to finished, not cancelled or in error).</summary>
    private static readonly HashSet<string> EncounterStatuses = ["planned", "arrived", "in-progress", "finished", "onleave"];

    public static (string Name, FactReference? Fact)? Find(PatientRecord patient, LocalDate asOf, OpioidKnowledge knowledge)
    {
        if (patient.AgeOn(asOf) is { } age && age < knowledge.Windows!.AdultAge)
        {
            return ($"aged {age}: the guideline is for adults", null);
        }

        foreach (var exclusion in knowledge.Exclusions)
        {
            if (Fact(patient, asOf, exclusion) is { } fact)
            {
                return (exclusion.Name, fact with { Role = "exclusion" });
            }
        }

        return null;
    }

    private static FactReference? Fact(PatientRecord patient, LocalDate asOf, OpioidExclusion exclusion)
    {
        var since = Since(asOf, exclusion);
        bool Within(LocalDate? day) => day is { } d && d <= asOf && (since is not { } start || d >= start);

        foreach (var condition in patient.Conditions)
        {
            // Where encounter diagnoses are counted by visit, one visit's diagnosis does not count on its own.
            if (condition.IsCurrent && !(condition.IsEncounterDiagnosis && !exclusion.EncounterDiagnoses.IsEmpty)
                && exclusion.Conditions.Any(set => set.ContainsAny(condition.Concept.Codes)))
            {
                return new FactReference("Condition", condition.ResourceId, condition.Concept.ToString(), condition.Onset ?? condition.Recorded);
            }
        }

        foreach (var procedure in patient.Procedures)
        {
            if (procedure.Status is "completed" or "in-progress" && exclusion.Procedures.Any(set => set.ContainsAny(procedure.Concept.Codes)))
            {
                return new FactReference("Procedure", procedure.ResourceId, procedure.Concept.ToString(), procedure.Performed);
            }
        }

        foreach (var observation in patient.Observations)
        {
            if (observation.IsUsable && observation.Status != "unknown" && exclusion.Observations.Any(set => set.ContainsAny(observation.Concept.Codes)))
            {
                return new FactReference("Observation", observation.ResourceId, observation.Concept.ToString(), observation.Effective);
            }
        }

        foreach (var encounter in patient.Encounters)
        {
            if (!Within(encounter.Start) || !EncounterStatuses.Contains(encounter.Status))
            {
                continue;
            }

            if (encounter.DischargeDisposition is { } disposition && exclusion.EncounterDispositions.Any(set => set.ContainsAny(disposition.Codes)))
            {
                return new FactReference("Encounter", encounter.ResourceId, $"discharged to {disposition}", encounter.End ?? encounter.Start);
            }

            if (exclusion.EncounterTypes.Any(set => set.ContainsAny(encounter.Type.Codes)))
            {
                return new FactReference("Encounter", encounter.ResourceId, encounter.Type.ToString(), encounter.Start);
            }
        }

        foreach (var order in patient.ServiceRequests)
        {
            if (order.Status is "active" or "completed" && Within(order.Authored) && exclusion.ServiceRequests.Any(set => set.ContainsAny(order.Code.Codes)))
            {
                return new FactReference("ServiceRequest", order.ResourceId, order.Code.ToString(), order.Authored);
            }
        }

        return exclusion.EncounterDiagnoses.IsEmpty ? null : DiagnosedAtVisits(patient, exclusion, Within);
    }

    /// <summary>
    /// At least <see cref="OpioidExclusion.MinEncounters"/> distinct encounters in the look-back, each with an encounter
    /// diagnosis in the value sets that names it (Condition.encounter ends with the encounter's id, as the reference matches).
    /// The fact is the latest such visit's diagnosis.
    /// </summary>
    private static FactReference? DiagnosedAtVisits(PatientRecord patient, OpioidExclusion exclusion, Func<LocalDate?, bool> within)
    {
        var diagnoses = patient.Conditions
            .Where(c => c.IsEncounterDiagnosis && c.EncounterReference is not null
                && c.VerificationStatus is not (ConditionVerificationStatus.Refuted or ConditionVerificationStatus.EnteredInError)
                && exclusion.EncounterDiagnoses.Any(set => set.ContainsAny(c.Concept.Codes)))
            .ToList();
        if (diagnoses.Count == 0)
        {
            return null;
        }

        var visits = patient.Encounters
            .Where(e => within(e.Start))
            .Select(e => (Encounter: e, Diagnosis: diagnoses.FirstOrDefault(d => Names(d.EncounterReference!, e.ResourceId))))
            .Where(v => v.Diagnosis is not null)
            .DistinctBy(v => v.Encounter.ResourceId)
            .OrderByDescending(v => v.Encounter.Start)
            .ToList();
        if (visits.Count < exclusion.MinEncounters)
        {
            return null;
        }

        var (encounter, diagnosis) = visits[0];
        return new FactReference("Condition", diagnosis!.ResourceId,
            $"{diagnosis.Concept} at {visits.Count} visits in the look-back", encounter.Start);
    }

    private static bool Names(string reference, string encounterId) =>
        reference.EndsWith("/" + encounterId, StringComparison.Ordinal) || reference.EndsWith(":" + encounterId, StringComparison.Ordinal)
        || reference == encounterId;

    private static LocalDate? Since(LocalDate asOf, OpioidExclusion exclusion)
    {
        if (exclusion.LookbackDays is null && exclusion.LookbackMonths is null)
        {
            return null;
        }

        return asOf.PlusMonths(-(exclusion.LookbackMonths ?? 0)).PlusDays(-(exclusion.LookbackDays ?? 0));
    }
}
