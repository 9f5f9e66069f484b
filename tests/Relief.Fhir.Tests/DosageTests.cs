using Relief.Core.Patients;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

public class DosageTests
{
    private static DosageFact Dosage(string dosageJson) =>
        Assert.Single(Assert.Single(Bundles.ReadOk(Bundles.With($$"""
            { "resourceType": "MedicationRequest", "id": "mr1", "status": "active", "intent": "order", {{Bundles.Subject}},
              "medicationCodeableConcept": { "text": "oxycodone" }, "dosageInstruction": [ {{dosageJson}} ] }
            """)).Record!.Medications).Dosages);

    [Fact]
    public void Dose_quantity_frequency_and_period_are_read()
    {
        var dosage = Dosage("""
            { "text": "1 tablet every 12 hours", "timing": { "repeat": { "frequency": 1, "period": 12, "periodUnit": "h" } },
              "route": { "coding": [ { "system": "http://snomed.info/sct", "code": "26643006", "display": "Oral route" } ] },
              "doseAndRate": [ { "doseQuantity": { "value": 1.0, "unit": "tablet", "system": "http://unitsofmeasure.org", "code": "{tablet}" } } ] }
            """);
        Assert.Equal(new DosageFact
        {
            Text = "1 tablet every 12 hours",
            DoseValue = 1.0m,
            DoseUnit = "tablet",
            Frequency = 1,
            Period = 12m,
            PeriodUnit = "h",
            AsNeeded = false,
            Route = "Oral route",
        }, dosage);
    }

    [Fact]
    public void Dose_range_is_read_as_its_high_end()
    {
        var dosage = Dosage("""
            { "timing": { "repeat": { "frequency": 4, "period": 1, "periodUnit": "d" } },
              "doseAndRate": [ { "doseRange": { "low": { "value": 1, "unit": "tablet" }, "high": { "value": 2, "unit": "tablet" } } } ] }
            """);
        Assert.Equal((2m, "tablet", 4), (dosage.DoseValue, dosage.DoseUnit, dosage.Frequency));
    }

    [Fact]
    public void Only_the_first_dose_and_rate_counts()
    {
        var dosage = Dosage("""
            { "doseAndRate": [ { "type": { "text": "calculated" }, "doseQuantity": { "value": 1, "unit": "patch" } },
                               { "type": { "text": "admin-amount" }, "doseQuantity": { "value": 3, "unit": "patch" } } ] }
            """);
        Assert.Equal(1m, dosage.DoseValue);
    }

    [Fact]
    public void As_needed_boolean_is_read() => Assert.True(Dosage("""{ "asNeededBoolean": true }""").AsNeeded);

    [Fact]
    public void As_needed_for_a_reason_counts_as_as_needed() =>
        Assert.True(Dosage("""{ "asNeededCodeableConcept": { "text": "for pain" } }""").AsNeeded);

    [Fact]
    public void Dosage_without_as_needed_is_scheduled() => Assert.False(Dosage("""{ "text": "daily" }""").AsNeeded);

    [Fact]
    public void Route_without_text_or_display_is_its_code() =>
        Assert.Equal("26643006", Dosage("""{ "route": { "coding": [ { "system": "http://snomed.info/sct", "code": "26643006" } ] } }""").Route);

    [Fact]
    public void Unit_falls_back_to_the_code_when_the_unit_text_is_missing() =>
        Assert.Equal("mg", Dosage("""{ "doseAndRate": [ { "doseQuantity": { "value": 5, "system": "http://unitsofmeasure.org", "code": "mg" } } ] }""").DoseUnit);

    [Fact]
    public void Every_dosage_instruction_is_kept_in_order()
    {
        var medication = Assert.Single(Bundles.ReadOk(Bundles.With($$"""
            { "resourceType": "MedicationRequest", "id": "mr1", "status": "active", "intent": "order", {{Bundles.Subject}},
              "medicationCodeableConcept": { "text": "prednisone" },
              "dosageInstruction": [ { "sequence": 1, "text": "40 mg for 5 days" }, { "sequence": 2, "text": "20 mg for 5 days" } ] }
            """)).Record!.Medications);
        Assert.Equal(["40 mg for 5 days", "20 mg for 5 days"], medication.Dosages.Select(d => d.Text));
    }
}
