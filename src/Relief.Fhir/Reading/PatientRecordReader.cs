using System.Text.Json;
using Relief.Fhir.Reading.Resources;

namespace Relief.Fhir.Reading;

/// <summary>
/// Builds one patient's record from a loose set of FHIR R4 resources: what a CDS Hooks prefetch gives
/// (a Patient, searchset Bundles of Conditions and MedicationRequests, the draftOrders Bundle). Bundles
/// among them are opened and their entries read as if listed directly; the same Patient given twice
/// (in its own prefetch item and inside a bundle) is one patient. Same resource readers, warnings and
/// errors as <see cref="FhirBundleReader"/>.
/// </summary>
public static class PatientRecordReader
{
    public static FhirReadResult FromResources(IEnumerable<JsonElement> resources, FhirReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var context = new ReadContext(options ?? FhirReadOptions.Default);
        var versions = new FhirVersionEvidence();
        var entries = new List<RawEntry>();
        var index = 0;
        foreach (var resource in resources)
        {
            var location = $"resources[{index++}]";
            switch (resource.ValueKind)
            {
                case JsonValueKind.Undefined or JsonValueKind.Null:
                    // An empty prefetch slot: the EHR had nothing to send.
                    continue;
                case JsonValueKind.Object when resource.TryGetProperty("resourceType"u8, out var type) && type.ValueEquals("Bundle"u8):
                    versions.ObserveMeta(resource, location);
                    FhirBundleReader.Entries(resource, location, history: false, context, entries);
                    break;
                default:
                    entries.Add(new RawEntry(resource, null, location));
                    break;
            }
        }

        return RecordAssembler.Assemble(entries, versions, context, newestFirst: false);
    }
}
