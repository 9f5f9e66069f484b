using System.Collections.Immutable;
using System.Text.Json;
using Relief.Core.Patients;
using Relief.Fhir.Reading;

namespace Relief.Fhir.CdsHooks;

/// <summary>
/// CDS Hooks request → <see cref="CdsRecord"/>. The draft orders are read first, so a draft that revises an
/// order also present in the prefetch (same id) is the copy the engine sees. A draft medication order
/// is a proposed medication, whatever status the EHR gave it (drafts are often sent as
/// <c>active</c>/<c>order</c>), unless it stops, cancels or completes the order: then it is a current
/// medication being stopped, and <see cref="CdsAssessor"/> adds taper guidance for it.
/// </summary>
public static class CdsRecordBuilder
{
    /// <param name="fetched">Resources the service fetched from <c>fhirServer</c> for templates the prefetch did not satisfy.</param>
    public static CdsRecord? Build(CdsRequest request, IEnumerable<JsonElement> fetched, out CdsRequestError? error, FhirReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fetched);
        var resources = new List<JsonElement>();
        if (request.Context.DraftOrders.ValueKind == JsonValueKind.Object)
        {
            resources.Add(request.Context.DraftOrders);
        }

        resources.AddRange(request.Prefetch.Resources);
        resources.AddRange(fetched);

        var read = PatientRecordReader.FromResources(resources, request.Context.PatientId, options);
        if (!read.Succeeded)
        {
            error = new CdsRequestError(422, "processing", "prefetch", $"the patient's data cannot be read: {read.Error?.Message}");
            return null;
        }

        error = null;
        var drafts = Drafts(request);
        var record = read.Record;
        if (!drafts.IsEmpty)
        {
            var byReference = drafts.ToDictionary(d => d.Reference, StringComparer.Ordinal);
            record = record with
            {
                Medications = [.. record.Medications.Select(m => byReference.TryGetValue($"{m.ResourceType}/{m.ResourceId}", out var draft) ? AsDraft(m, draft) : m)],
            };

            // Intent and display come from what the reader made of each draft (its status before it was re-placed).
            var asRead = new Dictionary<string, MedicationFact>(StringComparer.Ordinal);
            foreach (var fact in read.Record.Medications)
            {
                asRead.TryAdd($"{fact.ResourceType}/{fact.ResourceId}", fact);
            }

            drafts = [.. drafts.Select(d => asRead.TryGetValue(d.Reference, out var fact)
                ? d with { Intent = IntentOf(fact), Display = fact.Medication.ToString() }
                : d)];
        }

        var focus = request.Hook == CdsHook.OrderSelect
            ? request.Context.Selections.ToImmutableHashSet(StringComparer.Ordinal)
            : drafts.Select(d => d.Reference).ToImmutableHashSet(StringComparer.Ordinal);
        return new CdsRecord(record, [.. drafts.Select(d => d with { Selected = focus.Contains(d.Reference) })], read.Warnings, read.IgnoredResources)
        {
            FocusReferences = focus,
        };
    }

    private static MedicationFact AsDraft(MedicationFact fact, DraftOrder draft) => fact.Use switch
    {
        MedicationUse.Invalid => fact,
        MedicationUse.Past => fact with { Use = MedicationUse.Current },
        _ => fact with { Use = MedicationUse.Proposed },
    };

    private static DraftOrderIntent IntentOf(MedicationFact asRead) => asRead.Use == MedicationUse.Past ? DraftOrderIntent.Stop : DraftOrderIntent.Start;

    private static ImmutableArray<DraftOrder> Drafts(CdsRequest request)
    {
        var bundle = request.Context.DraftOrders;
        if (bundle.ValueKind != JsonValueKind.Object || !bundle.TryGetProperty("entry"u8, out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var drafts = ImmutableArray.CreateBuilder<DraftOrder>();
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource"u8, out var resource)
                && PrefetchReader.TypeOf(resource) is { } type
                && resource.TryGetProperty("id"u8, out var id) && id.ValueKind == JsonValueKind.String)
            {
                drafts.Add(new DraftOrder(type, id.GetString()!, DraftOrderIntent.Other, Selected: false, Display: type));
            }
        }

        return drafts.ToImmutable();
    }
}
