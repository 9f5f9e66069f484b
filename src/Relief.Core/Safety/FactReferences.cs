using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Relief.Core.Assessment.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety;

/// <summary>Turns record facts into the <see cref="FactReference"/>s findings cite.</summary>
internal static class FactReferences
{
    public static FactReference Of(MedicationFact medication, string? role = null) =>
        new(medication.ResourceType, medication.ResourceId, medication.Medication.ToString(), medication.Start)
        {
            Role = role ?? UseRole(medication),
        };

    public static FactReference Of(ObservationFact observation, string? role = null)
    {
        // Components carry "obs-1#component[0]"; the resource to cite is the part before '#'.
        var hash = observation.ResourceId.IndexOf('#', StringComparison.Ordinal);
        var id = hash < 0 ? observation.ResourceId : observation.ResourceId[..hash];
        return new FactReference("Observation", id, observation.Concept.ToString(), observation.Effective)
        {
            Value = observation.Value,
            Unit = observation.UnitCode ?? observation.Unit,
            Role = role ?? QualitativeValue(observation),
        };
    }

    public static FactReference Of(ConditionFact condition) =>
        new("Condition", condition.ResourceId, condition.Concept.ToString(), condition.Onset ?? condition.Recorded)
        {
            Role = condition.ClinicalStatus == ConditionClinicalStatus.Unknown ? null : condition.ClinicalStatus.ToString().ToLowerInvariant(),
        };

    public static FactReference Of(ImmunizationFact immunization, string? role = null) =>
        new("Immunization", immunization.ResourceId, immunization.Vaccine.ToString(), immunization.Occurrence) { Role = role };

    public static string UseRole(MedicationFact medication) => medication.Use switch
    {
        MedicationUse.Current => "current",
        MedicationUse.Proposed => "proposed",
        MedicationUse.Past when medication.End is { } end => $"past, ended {Date(end)}",
        MedicationUse.Past => "past",
        _ => "entered in error",
    };

    /// <summary>An ISO date (2026-11-21), as every message writes dates.</summary>
    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string Date(LocalDate? date) => date is { } d ? Date(d) : "(no date)";

    public static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string? QualitativeValue(ObservationFact observation) =>
        observation.Value is null ? observation.ValueText ?? observation.ValueConcept?.ToString() : null;
}
