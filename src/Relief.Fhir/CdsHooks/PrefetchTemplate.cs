using System.Collections.Immutable;

namespace Relief.Fhir.CdsHooks;

/// <summary>
/// One prefetch template Relief registers in discovery: its key, the resource type it yields, and the FHIR
/// query with prefetch tokens. <see cref="Required"/> templates are what the engine needs to judge safely:
/// without conditions, medicines, results, vaccines and allergies a missing-baseline or interaction card
/// could be wrong either way, so the service fetches them or answers 412.
/// </summary>
public sealed record PrefetchTemplate(string Key, string ResourceType, string Query, bool Required = true);

/// <summary>
/// The templates for all three hooks (the engine reads the same record for each). Observations are limited
/// to two years back with the date arithmetic of the CDS Hooks 3.0 ballot (<c>{{today() - 2 years}}</c>):
/// monitoring intervals and baseline windows in knowledge/ are shorter than that, and a Synthea-sized
/// history of vital signs is what makes a prefetch large. Medicines are not limited by date, because a
/// course's start and a washout can lie years back.
/// </summary>
public static class PrefetchTemplates
{
    public static readonly ImmutableArray<PrefetchTemplate> All =
    [
        new("patient", "Patient", "Patient/{{context.patientId}}"),
        new("conditions", "Condition", "Condition?patient={{context.patientId}}"),
        new("medicationRequests", "MedicationRequest", "MedicationRequest?patient={{context.patientId}}"),
        new("medicationStatements", "MedicationStatement", "MedicationStatement?patient={{context.patientId}}"),
        new("observationsLaboratory", "Observation", "Observation?patient={{context.patientId}}&category=laboratory&date=ge{{today() - 2 years}}"),
        new("observationsSurvey", "Observation", "Observation?patient={{context.patientId}}&category=survey&date=ge{{today() - 2 years}}"),
        new("immunizations", "Immunization", "Immunization?patient={{context.patientId}}"),
        new("allergies", "AllergyIntolerance", "AllergyIntolerance?patient={{context.patientId}}"),
        // Who is ordering: the requester of the ServiceRequests Relief suggests. Only filled when the user is a Practitioner.
        new("practitioner", "Practitioner", "Practitioner/{{userPractitionerId}}", Required: false),
    ];

    public static PrefetchTemplate? ByKey(string key) => All.FirstOrDefault(t => t.Key == key);
}
