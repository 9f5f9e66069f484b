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
/// <remarks>
/// A CDS Hooks request names its patient in <c>context.patientId</c> and may prefetch no Patient resource;
/// pass that id as <c>patientId</c> and the record is built for it (birth date and sex then unknown, with a
/// warning), any other Patient among the resources being an error.
/// </remarks>
public static class PatientRecordReader
{
    private static readonly string[] Locations = [.. Enumerable.Range(0, 64).Select(i => $"resources[{i}]")];

    public static FhirReadResult FromResources(IEnumerable<JsonElement> resources, string? patientId = null, FhirReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        if (patientId is not null)
        {
            // context.patientId may come as "Patient/123" or "123"; the record's id is the bare id.
            patientId = patientId.StartsWith("Patient/", StringComparison.Ordinal) ? patientId["Patient/".Length..] : patientId;
            ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        }

        var context = new ReadContext(options ?? FhirReadOptions.Default);
        var versions = new FhirVersionEvidence();
        var entries = ScratchList<RawEntry>.Rent();
        try
        {
            var index = 0;
            if (resources is List<JsonElement> list)
            {
                // The screen's list, walked without boxing its enumerator: one allocation fewer per patient.
                foreach (var resource in list)
                {
                    Place(resource, index++, versions, context, entries);
                }
            }
            else
            {
                foreach (var resource in resources)
                {
                    Place(resource, index++, versions, context, entries);
                }
            }

            return RecordAssembler.Assemble(entries, versions, context, newestFirst: false, patientId);
        }
        finally
        {
            ScratchList<RawEntry>.Return(entries);
        }
    }

    /// <summary>The <paramref name="index"/>th resource given: a Bundle's entries, a Bundle entry's resource, or the resource itself.</summary>
    private static void Place(JsonElement resource, int index, FhirVersionEvidence versions, ReadContext context, List<RawEntry> entries)
    {
        var location = Location(index);
        switch (resource.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                // An empty prefetch slot: the EHR had nothing to send.
                return;
            case JsonValueKind.Object when resource.TryGetProperty("resourceType"u8, out var type) && type.ValueEquals("Bundle"u8):
                versions.ObserveMeta(resource, location);
                FhirBundleReader.Entries(resource, location, history: false, context, entries);
                break;
            case JsonValueKind.Object when !resource.TryGetProperty("resourceType"u8, out _)
                && resource.TryGetProperty("resource"u8, out var inner) && inner.ValueKind == JsonValueKind.Object:
                // Some EHRs (and the CDC opioid guideline's examples) prefetch a Bundle entry rather than its resource.
                context.WarnAt(location, "", $"{location} is a Bundle entry, not a resource; its resource is read");
                entries.Add(new RawEntry(inner, null, location));
                break;
            default:
                entries.Add(new RawEntry(resource, null, location));
                break;
        }
    }

    /// <summary><c>resources[i]</c>, made once for the first few places: a screened patient's every resource has one.</summary>
    private static string Location(int index) => index < Locations.Length ? Locations[index] : $"resources[{index}]";
}
