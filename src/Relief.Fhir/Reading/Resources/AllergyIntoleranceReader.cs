using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>AllergyIntolerance: the substance, its clinical and verification status, and criticality.</summary>
internal static class AllergyIntoleranceReader
{
    private const string ClinicalSystem = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    private const string VerificationSystem = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

    public static AllergyFact Read(ResourceEntry entry, ReadContext context)
    {
        var resource = entry.Resource;
        var root = ElementPath.Root;
        return new AllergyFact(
            entry.Id,
            CodeableConcepts.Read(resource, "code", root, context),
            CodeableConcepts.StatusCode(resource, "clinicalStatus", ClinicalSystem, root, context),
            CodeableConcepts.StatusCode(resource, "verificationStatus", VerificationSystem, root, context),
            TolerantJson.String(resource, "criticality"u8, root, context));
    }
}
