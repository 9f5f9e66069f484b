using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests.Opioids;

/// <summary>What the opioid review needs from a record: supply, quantity, category, several doseAndRate entries, result interpretation, encounters and care plans.</summary>
public class OpioidReadingTests
{
    private static MedicationFact Request(string extra) =>
        Assert.Single(Bundles.ReadOk(Bundles.With($$"""
            { "resourceType": "MedicationRequest", "id": "mr1", "status": "active", "intent": "order", {{Bundles.Subject}},
              "medicationCodeableConcept": { "text": "oxycodone" }, "authoredOn": "2023-04-02" {{extra}} }
            """)).Record!.Medications);

    [Fact]
    public void Dispense_request_gives_days_supply_quantity_and_repeats()
    {
        var fact = Request("""
            , "dispenseRequest": { "numberOfRepeatsAllowed": 2, "quantity": { "value": 60, "unit": "tablet" },
                                   "expectedSupplyDuration": { "value": 2, "unit": "weeks", "system": "http://unitsofmeasure.org", "code": "wk" } }
            """);
        Assert.Equal((14m, 60m, "tablet", 2), (fact.SupplyDays, fact.DispenseQuantity, fact.DispenseUnit, fact.Repeats));
        Assert.Equal(new NodaTime.LocalDate(2023, 4, 2), fact.Authored);
    }

    [Fact]
    public void A_supply_duration_in_an_unknown_unit_is_unknown_and_warned() =>
        Assert.Null(Request("""
            , "dispenseRequest": { "expectedSupplyDuration": { "value": 2, "unit": "bottles" } }
            """).SupplyDays);

    [Fact]
    public void Category_codes_are_kept() =>
        Assert.Equal(new[] { "inpatient" }, Request("""
            , "category": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/medicationrequest-category", "code": "inpatient" } ] } ]
            """).Categories.ToArray());

    [Fact]
    public void Untyped_dose_and_rate_entries_count_by_the_largest_and_frequency_max_is_kept()
    {
        var dosage = Assert.Single(Request("""
            , "dosageInstruction": [ { "timing": { "repeat": { "frequency": 1, "frequencyMax": 3, "period": 1, "periodUnit": "d" } },
                "doseAndRate": [ { "doseQuantity": { "value": 1, "unit": "tablet" } }, { "doseQuantity": { "value": 2, "unit": "tablet" } } ] } ]
            """).Dosages);
        Assert.Equal((2m, 2, 3), (dosage.DoseValue!.Value, dosage.DoseEntries, dosage.FrequencyMax!.Value));
    }

    [Fact]
    public void The_ordered_dose_wins_over_others()
    {
        var dosage = Assert.Single(Request("""
            , "dosageInstruction": [ { "doseAndRate": [
                { "type": { "text": "calculated" }, "doseQuantity": { "value": 4, "unit": "tablet" } },
                { "type": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/dose-rate-type", "code": "ordered" } ] }, "doseQuantity": { "value": 1, "unit": "tablet" } } ] } ]
            """).Dosages);
        Assert.Equal(1m, dosage.DoseValue);
    }

    [Fact]
    public void Observation_interpretation_codes_are_read()
    {
        var observation = Assert.Single(Bundles.ReadOk(Bundles.With($$"""
            { "resourceType": "Observation", "id": "o1", "status": "final", {{Bundles.Subject}}, "effectiveDateTime": "2023-04-04",
              "code": { "coding": [ { "system": "http://loinc.org", "code": "3426-4" } ] },
              "interpretation": [ { "coding": [ { "system": "http://hl7.org/fhir/v2/0078", "code": "POS" } ] } ] }
            """)).Record!.Observations);
        Assert.Contains(new Code("http://hl7.org/fhir/v2/0078", "POS"), observation.Interpretation);
    }

    [Fact]
    public void Encounters_and_care_plans_are_read()
    {
        var record = Bundles.ReadOk(Bundles.With($$"""
            { "resourceType": "Encounter", "id": "e1", "status": "finished", {{Bundles.Subject}}, "period": { "start": "2023-04-21", "end": "2023-04-21" },
              "type": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "185463005" } ] } ] }
            """, $$"""
            { "resourceType": "CarePlan", "id": "c1", "status": "active", "intent": "plan", {{Bundles.Subject}}, "created": "2023-03-02",
              "meta": { "lastUpdated": "2023-04-01T10:00:00Z" },
              "category": [ { "coding": [ { "system": "http://loinc.org", "code": "80764-4" } ] } ] }
            """)).Record!;
        var encounter = Assert.Single(record.Encounters);
        Assert.Equal((new Code(CodeSystems.Snomed, "185463005"), new NodaTime.LocalDate(2023, 4, 21)), (encounter.Type.Codes[0], encounter.Start!.Value));
        var plan = Assert.Single(record.CarePlans);
        Assert.Equal((new Code(CodeSystems.Loinc, "80764-4"), new NodaTime.LocalDate(2023, 3, 2), new NodaTime.LocalDate(2023, 4, 1)), (plan.Category.Codes[0], plan.Created!.Value, plan.LastUpdated!.Value));
    }

    [Fact]
    public void Service_requests_and_encounter_diagnoses_are_read_for_the_exclusions()
    {
        var record = Bundles.ReadOk(Bundles.With($$"""
            { "resourceType": "ServiceRequest", "id": "s1", "status": "active", "intent": "order", {{Bundles.Subject}}, "authoredOn": "2023-04-02T09:00:00Z",
              "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "103735009" } ] } }
            """, $$"""
            { "resourceType": "Condition", "id": "k1", {{Bundles.Subject}}, "encounter": { "reference": "Encounter/e7" },
              "category": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "encounter-diagnosis" } ] } ],
              "code": { "coding": [ { "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "C34.90" } ] } }
            """, $$"""
            { "resourceType": "Condition", "id": "k2", {{Bundles.Subject}},
              "category": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "problem-list-item" } ] } ],
              "code": { "coding": [ { "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "C34.90" } ] } }
            """)).Record!;
        var order = Assert.Single(record.ServiceRequests);
        Assert.Equal((new Code(CodeSystems.Snomed, "103735009"), "active", "order", new NodaTime.LocalDate(2023, 4, 2)), (order.Code.Codes[0], order.Status, order.Intent, order.Authored!.Value));
        var diagnosis = record.Conditions.Single(c => c.ResourceId == "k1");
        Assert.True(diagnosis.IsEncounterDiagnosis);
        Assert.Equal("Encounter/e7", diagnosis.EncounterReference);
        var problem = record.Conditions.Single(c => c.ResourceId == "k2");
        Assert.False(problem.IsEncounterDiagnosis);
        Assert.Null(problem.EncounterReference);
    }
}
