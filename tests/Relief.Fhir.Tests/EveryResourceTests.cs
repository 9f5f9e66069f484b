using NodaTime;
using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Fhir.Reading;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

/// <summary>One clean R4 transaction bundle with one resource of each type the reader uses.</summary>
public class EveryResourceTests
{
    private static readonly FhirReadResult Result = FhirBundleReader.ReadFile(TestData.PathOf("every-resource.json"));

    private static PatientRecord Record => Result.Record!;

    [Fact]
    public void Clean_bundle_reads_without_warnings()
    {
        Assert.True(Result.Succeeded, Result.Error?.Message);
        Assert.Empty(Result.Warnings);
    }

    [Fact]
    public void Patient_gives_id_birth_date_and_sex() =>
        Assert.Equal(("0b7c6a52-0000-4000-8000-000000000001", new LocalDate(1968, 3, 14), AdministrativeSex.Female), (Record.Id, Record.BirthDate!.Value, Record.Sex));

    [Fact]
    public void Unused_resource_types_are_counted() => Assert.Equal(1, Result.IgnoredResources["Coverage"]);

    [Fact]
    public void Encounter_is_read_for_the_opioid_review() =>
        Assert.Equal(("finished", "0b7c6a52-0000-4000-8000-000000000011"), (Assert.Single(Record.Encounters).Status, Record.Encounters[0].ResourceId));

    [Fact]
    public void Medication_is_resolved_through_its_urn_uuid()
    {
        var request = Assert.Single(Record.Medications, m => m.ResourceType == "MedicationRequest");
        Assert.Equal(new Code(CodeSystems.RxNorm, "596928"), request.Medication.Codes[0]);
        Assert.Equal(MedicationUse.Current, request.Use);
        Assert.Equal(new DosageFact
        {
            Text = "30 mg once daily",
            DoseValue = 30m,
            DoseUnit = "mg",
            Frequency = 1,
            Period = 1m,
            PeriodUnit = "d",
            AsNeeded = false,
            Route = "Oral route",
        }, request.Dosages[0]);
    }

    [Fact]
    public void Statement_dose_range_and_as_needed_are_read()
    {
        var statement = Assert.Single(Record.Medications, m => m.ResourceType == "MedicationStatement");
        Assert.Equal((MedicationUse.Past, 2m, "tablet", true), (statement.Use, statement.Dosages[0].DoseValue, statement.Dosages[0].DoseUnit, statement.Dosages[0].AsNeeded));
    }

    [Fact]
    public void Allergy_keeps_substance_statuses_and_criticality()
    {
        var allergy = Assert.Single(Record.Allergies);
        Assert.Equal(("penicillin G", "active", "confirmed", "high"), (allergy.Substance.Text, allergy.ClinicalStatus, allergy.VerificationStatus, allergy.Criticality));
    }

    [Fact]
    public void Procedure_is_dated_by_its_performed_period_start()
    {
        var procedure = Assert.Single(Record.Procedures);
        Assert.Equal(("completed", new LocalDate(2022, 5, 1)), (procedure.Status, procedure.Performed!.Value));
    }

    [Fact]
    public void Immunization_keeps_vaccine_status_and_date()
    {
        var immunization = Assert.Single(Record.Immunizations);
        Assert.Equal((new Code(CodeSystems.Cvx, "140"), "completed", new LocalDate(2022, 10, 3)), (immunization.Vaccine.Codes[0], immunization.Status, immunization.Occurrence!.Value));
    }

    [Fact]
    public void Observations_include_flattened_components() =>
        Assert.Equal(4, Record.Observations.Length);

    [Fact]
    public void Condition_onset_keeps_the_date_in_the_senders_offset() =>
        Assert.Equal(new LocalDate(2015, 9, 1), Assert.Single(Record.Conditions).Onset);
}
