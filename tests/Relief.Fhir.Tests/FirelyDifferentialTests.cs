using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Relief.Core.Patients;
using Relief.Fhir.Reading;
using FhirBundle = Hl7.Fhir.Model.Bundle;

namespace Relief.Fhir.Tests;

/// <summary>
/// Relief's hand-written reader against the Firely SDK (Hl7.Fhir.R4) on every Synthea bundle: both must
/// extract the same Patient, Condition and MedicationRequest facts, so keeping the faster reader never
/// costs correctness (docs/arch/0002).
/// </summary>
[Trait(Requires.Key, Requires.SharedData)]
public class FirelyDifferentialTests
{
    private static readonly FhirJsonDeserializer Firely = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));

    public static TheoryData<string> SyntheaBundles() => SyntheaBundleFiles.All();

    [Theory]
    [MemberData(nameof(SyntheaBundles))]
    public void Relief_and_firely_extract_the_same_patient_conditions_and_medication_requests(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.SharedData, "synthea-r4", file));
        var relief = FhirBundleReader.Read(bytes).Record ?? throw new InvalidOperationException($"{file} did not read");
        var bundle = ReadWithFirely(bytes);
        var resources = bundle.Entry.Select(e => e.Resource).OfType<Resource>().ToList();

        var patient = resources.OfType<Patient>().Single();
        Assert.Equal(patient.Id, relief.Id);
        Assert.Equal(patient.BirthDate, relief.BirthDate?.ToString("yyyy-MM-dd", null));
        Assert.Equal(patient.Gender?.ToString().ToLowerInvariant() ?? "unknown", relief.Sex.ToString().ToLowerInvariant());
        var name = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
        Assert.Equal(name is null ? null : name.Text ?? string.Join(' ', name.Given.Append(name.Family).Where(p => !string.IsNullOrEmpty(p))), relief.Name);

        var firelyConditions = resources.OfType<Condition>()
            .Select(c => $"{c.Id} {c.ClinicalStatus?.Coding.FirstOrDefault()?.Code} {c.Onset switch { FhirDateTime { Value: { } d } => d[..10], _ => "" }} {Codes(c.Code)}")
            .Order(StringComparer.Ordinal);
        var reliefConditions = relief.Conditions
            .Select(c => $"{c.ResourceId} {Status(c.ClinicalStatus)} {c.Onset?.ToString("yyyy-MM-dd", null) ?? ""} {Codes(c.Concept)}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(firelyConditions, reliefConditions);

        var firelyRequests = resources.OfType<MedicationRequest>()
            .Select(m => $"{m.Id} {(m.Status is { } s ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(s) : "")} {m.AuthoredOn?[..10]} {(m.Medication is CodeableConcept concept ? Codes(concept) : "(reference)")}")
            .Order(StringComparer.Ordinal);
        var reliefRequests = relief.Medications.Where(m => m.ResourceType == "MedicationRequest")
            .Select(m => $"{m.ResourceId} {m.Status} {m.Start?.ToString("yyyy-MM-dd", null)} {(IsReference(resources, m.ResourceId) ? "(reference)" : Codes(m.Medication))}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(firelyRequests, reliefRequests);
    }

    private static FhirBundle ReadWithFirely(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        try
        {
            return Firely.Deserialize<FhirBundle>(ref reader);
        }
        catch (DeserializationFailedException e) when (e.PartialResult is FhirBundle partial)
        {
            // Recoverable problems (an unknown element) leave a usable bundle, as Relief's warnings do.
            return partial;
        }
    }

    private static bool IsReference(List<Resource> resources, string id) =>
        resources.OfType<MedicationRequest>().Any(m => m.Id == id && m.Medication is ResourceReference);

    private static string Codes(CodeableConcept? concept) =>
        string.Join(",", (concept?.Coding ?? []).Where(c => !string.IsNullOrEmpty(c.System) && !string.IsNullOrEmpty(c.Code)).Select(c => $"{c.System}|{c.Code}").Order(StringComparer.Ordinal));

    private static string Codes(CodedText concept) =>
        string.Join(",", concept.Codes.Select(c => $"{c.System}|{c.Value}").Order(StringComparer.Ordinal));

    private static string Status(ConditionClinicalStatus status) => status == ConditionClinicalStatus.Unknown ? "" : status.ToString().ToLowerInvariant();
}
