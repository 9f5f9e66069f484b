using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Store.Knowledge;
using Relief.Store.Model;

namespace Relief.Store.Import;

/// <summary>Turns the facts the FHIR reader found in a resource into store entries (the reverse of <c>StoredRecordBuilder</c>).</summary>
internal static class FactMapper
{
    public static ConditionEntry Condition(string patientId, ConditionFact fact) => new()
    {
        PatientId = patientId,
        Codes = [.. fact.Concept.Codes.Select(c => c.ToString())],
        Text = fact.Concept.Text ?? (fact.Concept.Codes.IsDefaultOrEmpty ? null : fact.Concept.DisplayFor(fact.Concept.Codes[0])),
        ClinicalStatus = fact.ClinicalStatus.ToString().ToLowerInvariant(),
        VerificationStatus = fact.VerificationStatus.ToString().ToLowerInvariant(),
        Onset = ToDate(fact.Onset),
        Abatement = ToDate(fact.Abatement),
        Recorded = ToDate(fact.Recorded),
        SourceResource = $"Condition/{fact.ResourceId}",
    };

    public static TreatmentCourse Course(string patientId, MedicationFact fact) => new()
    {
        PatientId = patientId,
        DrugCodes = [.. fact.Medication.Codes.Select(c => c.ToString())],
        DrugName = Truncate(fact.Medication.ToString(), 500),
        Use = fact.Use.ToString().ToLowerInvariant(),
        FhirStatus = fact.Status,
        Intent = fact.Intent,
        Start = ToDate(fact.Start),
        Stop = ToDate(fact.End),
        SourceResource = $"{fact.ResourceType}/{fact.ResourceId}",
        DoseChanges = [.. fact.Dosages.Select(d => new DoseChange
        {
            EffectiveFrom = ToDate(fact.Start),
            Text = d.Text,
            DoseValue = d.DoseValue,
            DoseUnit = d.DoseUnit,
            Frequency = d.Frequency,
            Period = d.Period,
            PeriodUnit = d.PeriodUnit,
            AsNeeded = d.AsNeeded,
            Route = d.Route,
        })],
    };

    /// <summary>An observation of a known instrument becomes a measurement; any other a lab result.</summary>
    public static StoredEntry Observation(string patientId, ObservationFact fact, FollowUpKnowledge followUp)
    {
        var instrument = fact.Concept.Codes.Select(c => followUp.InstrumentsByCode.TryGetValue(c, out var i) ? (Code: c, Instrument: i) : default)
            .FirstOrDefault(x => x.Instrument is not null);
        var source = $"Observation/{fact.ResourceId}";
        if (instrument.Instrument is not null && fact.Value is { } score && fact.Effective is { } effective)
        {
            return new OutcomeMeasurement
            {
                PatientId = patientId,
                InstrumentId = instrument.Instrument.Id,
                Code = instrument.Code.ToString(),
                Value = score,
                EffectiveAt = effective.ToDateTimeUnspecified().ToUniversalTimeKind(),
                SourceResource = source,
            };
        }

        return new LabResult
        {
            PatientId = patientId,
            Codes = [.. fact.Concept.Codes.Select(c => c.ToString())],
            Display = fact.Concept.Codes.IsDefaultOrEmpty ? fact.Concept.Text : fact.Concept.DisplayFor(fact.Concept.Codes[0]),
            Value = fact.Value,
            Unit = fact.Unit,
            UnitCode = fact.UnitCode,
            ValueText = fact.ValueText ?? fact.ValueConcept?.ToString(),
            Effective = ToDate(fact.Effective),
            FhirStatus = fact.Status,
            ReferenceLow = fact.ReferenceLow,
            ReferenceHigh = fact.ReferenceHigh,
            SourceResource = source,
        };
    }

    public static DateOnly? ToDate(NodaTime.LocalDate? date) => date is { } d ? DateOnly.FromDateTime(d.ToDateTimeUnspecified()) : null;

    public static DateTime ToUniversalTimeKind(this DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
