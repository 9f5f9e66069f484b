using System.Text;
using System.Text.Json.Nodes;

namespace Relief.Store.Tests.Support;

/// <summary>Small FHIR R4 bundles written for one test: a patient, their conditions, observations and medications.</summary>
public sealed class Bundles
{
    private readonly JsonArray _entries = [];

    public Bundles(string patientId, string birthDate = "1980-05-01", string gender = "female")
    {
        PatientId = patientId;
        Add(new JsonObject
        {
            ["resourceType"] = "Patient",
            ["id"] = patientId,
            ["birthDate"] = birthDate,
            ["gender"] = gender,
            ["name"] = new JsonArray(new JsonObject { ["family"] = "Test", ["given"] = new JsonArray("Pat") }),
        });
    }

    public string PatientId { get; }

    public Bundles Condition(string id, string snomed, string display) => Add(new JsonObject
    {
        ["resourceType"] = "Condition",
        ["id"] = id,
        ["subject"] = new JsonObject { ["reference"] = $"Patient/{PatientId}" },
        ["clinicalStatus"] = Concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
        ["verificationStatus"] = Concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
        ["code"] = Concept("http://snomed.info/sct", snomed, display),
        ["onsetDateTime"] = "2020-01-01",
    });

    public Bundles Lab(string id, string loinc, decimal value, string unit, string date, string? versionId = null, string? lastUpdated = null)
    {
        var observation = new JsonObject
        {
            ["resourceType"] = "Observation",
            ["id"] = id,
            ["status"] = "final",
            ["subject"] = new JsonObject { ["reference"] = $"Patient/{PatientId}" },
            ["code"] = Concept("http://loinc.org", loinc),
            ["effectiveDateTime"] = date,
            ["valueQuantity"] = new JsonObject { ["value"] = value, ["unit"] = unit, ["system"] = "http://unitsofmeasure.org", ["code"] = unit },
        };
        if (versionId is not null || lastUpdated is not null)
        {
            var meta = new JsonObject();
            if (versionId is not null)
            {
                meta["versionId"] = versionId;
            }

            if (lastUpdated is not null)
            {
                meta["lastUpdated"] = lastUpdated;
            }

            observation["meta"] = meta;
        }

        return Add(observation);
    }

    public Bundles Medication(string id, string rxnorm, string display, string start) => Add(new JsonObject
    {
        ["resourceType"] = "MedicationStatement",
        ["id"] = id,
        ["status"] = "active",
        ["subject"] = new JsonObject { ["reference"] = $"Patient/{PatientId}" },
        ["medicationCodeableConcept"] = Concept("http://www.nlm.nih.gov/research/umls/rxnorm", rxnorm, display),
        ["effectivePeriod"] = new JsonObject { ["start"] = start },
    });

    public Bundles Add(JsonObject resource)
    {
        _entries.Add(new JsonObject { ["resource"] = resource });
        return this;
    }

    public byte[] Bytes() => Encoding.UTF8.GetBytes(new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = _entries.DeepClone() }.ToJsonString());

    private static JsonObject Concept(string system, string code, string? display = null)
    {
        var coding = new JsonObject { ["system"] = system, ["code"] = code };
        if (display is not null)
        {
            coding["display"] = display;
        }

        return new JsonObject { ["coding"] = new JsonArray(coding) };
    }
}
