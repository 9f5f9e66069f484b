using System.Text.Json;
using System.Text.Json.Nodes;

namespace Relief.Service.Tests.Support;

/// <summary>
/// CDS Hooks requests built from a sample bundle the way an EHR fills Relief's prefetch templates: one
/// item per key, searchsets with server fullUrls, references as <c>Patient/id</c> (the samples' urn:uuid
/// references rewritten), and the chosen orders moved from the record into <c>context.draftOrders</c>.
/// </summary>
public static class CdsRequests
{
    public static JsonObject FromSample(string sample, string hook, IEnumerable<string>? draftIds = null, IEnumerable<JsonObject>? extraDrafts = null, Func<JsonObject, bool>? keep = null)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", sample));
        var bundle = JsonNode.Parse(text)!.AsObject();
        var patientEntry = bundle["entry"]!.AsArray().Select(e => e!.AsObject()).First(e => (string?)e["resource"]!["resourceType"] == "Patient");
        var patientId = (string)patientEntry["resource"]!["id"]!;
        if ((string?)patientEntry["fullUrl"] is { } fullUrl && fullUrl.StartsWith("urn:", StringComparison.Ordinal))
        {
            text = text.Replace(fullUrl, $"Patient/{patientId}", StringComparison.Ordinal);
            bundle = JsonNode.Parse(text)!.AsObject();
        }

        var drafts = new HashSet<string>(draftIds ?? [], StringComparer.Ordinal);
        var resources = bundle["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject()).Where(r => keep?.Invoke(r) ?? true).ToList();
        var draftResources = resources.Where(r => drafts.Contains((string)r["id"]!)).Select(r => r.DeepClone()).ToList();
        draftResources.AddRange(extraDrafts ?? []);
        var record = resources.Where(r => !drafts.Contains((string)r["id"]!)).ToList();

        JsonObject Search(string type, Func<JsonObject, bool>? filter = null) => new()
        {
            ["resourceType"] = "Bundle",
            ["type"] = "searchset",
            ["entry"] = new JsonArray([.. record
                .Where(r => (string)r["resourceType"]! == type && (filter?.Invoke(r) ?? true))
                .Select(r => (JsonNode)new JsonObject { ["fullUrl"] = $"https://ehr.example/fhir/{type}/{r["id"]}", ["resource"] = r.DeepClone() })]),
        };

        static bool Survey(JsonObject r) => r["category"]?.ToJsonString().Contains("\"survey\"", StringComparison.Ordinal) == true;

        var context = new JsonObject { ["userId"] = "Practitioner/dr-test", ["patientId"] = patientId };
        if (hook != "patient-view")
        {
            context["draftOrders"] = new JsonObject
            {
                ["resourceType"] = "Bundle",
                ["type"] = "collection",
                ["entry"] = new JsonArray([.. draftResources.Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone() })]),
            };
            if (hook == "order-select")
            {
                context["selections"] = new JsonArray([.. draftResources.Select(r => (JsonNode)JsonValue.Create($"{r["resourceType"]}/{r["id"]}")!)]);
            }
        }

        return new JsonObject
        {
            ["hook"] = hook,
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = context,
            ["prefetch"] = new JsonObject
            {
                ["patient"] = record.First(r => (string)r["resourceType"]! == "Patient").DeepClone(),
                ["conditions"] = Search("Condition"),
                ["medicationRequests"] = Search("MedicationRequest"),
                ["medicationStatements"] = Search("MedicationStatement"),
                ["observationsLaboratory"] = Search("Observation", r => !Survey(r)),
                ["observationsSurvey"] = Search("Observation", Survey),
                ["immunizations"] = Search("Immunization"),
                ["allergies"] = Search("AllergyIntolerance"),
            },
        };
    }

    public static StringContent Json(JsonNode request) => new(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    public static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
