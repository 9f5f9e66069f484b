using System.Text.Json;
using NodaTime;
using Relief.Bulk.Grouping;
using Relief.Bulk.Summary;
using Relief.Core.Knowledge;
using Relief.Fhir.Contract;
using Relief.Fhir.Reading;

namespace Relief.Bulk.Screening;

/// <summary>
/// One patient's lines to rows: the lines parsed once, as one document, the Medications their requests name added from the
/// catalogue, the record built by the same reader as a bundle's (<see cref="PatientRecordReader.FromResources"/>,
/// told the patient's id) and assessed by the pipeline's engine for findings only
/// (<see cref="Relief.Core.Assessment.Assessor.AssessFindings"/>: the same findings as a full assessment). Thread-safe: the pipeline and
/// catalogue are read-only.
/// </summary>
internal sealed class PatientScreener(AssessmentPipeline pipeline, LocalDate asOf, MedicationCatalog medications)
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    public PatientOutcome Screen(PatientLines patient)
    {
        try
        {
            // One document for all the patient's lines (see ResourceLines: the same elements and errors as a parse per line).
            using var lines = ResourceLines.Parse(patient.Lines, Options);
            var resources = new List<JsonElement>(patient.Lines.Count + 1);
            HashSet<string>? named = null;
            foreach (var resource in lines.Resources)
            {
                resources.Add(resource);
                if (MedicationReference(resource) is { } reference && medications.TryGet(reference, out var medication)
                    && (named ??= new HashSet<string>(StringComparer.Ordinal)).Add(reference))
                {
                    resources.Add(medication);
                }
            }

            var read = PatientRecordReader.FromResources(resources, patient.PatientId);
            if (read.Error is { } error)
            {
                return new PatientOutcome(patient.PatientId, [], null, new PatientError(patient.PatientId, WireName.Of(error.Kind), error.Message));
            }

            // Findings and age only: the screen's rows and counts need nothing else of the assessment.
            var assessment = pipeline.Assessor.AssessFindings(read.Record!, asOf);
            FindingRow[] rows = assessment.Findings.Length == 0 ? [] : new FindingRow[assessment.Findings.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = FindingRow.From(patient.PatientId, assessment.Findings[i]);
            }

            return new PatientOutcome(patient.PatientId, rows, assessment.Age, null);
        }
        catch (JsonException exception)
        {
            // A line malformed after its patient (the first pass stops reading there: DeferredLineCheck finds and reports
            // it), or a spill file damaged between runs.
            return new PatientOutcome(patient.PatientId, [], null, new PatientError(patient.PatientId, "malformed-json", exception.Message));
        }
    }

    private static string? MedicationReference(JsonElement resource)
    {
        if (resource.TryGetProperty("medicationReference"u8, out var reference) && reference.ValueKind == JsonValueKind.Object
            && reference.TryGetProperty("reference"u8, out var text) && text.ValueKind == JsonValueKind.String)
        {
            var value = text.GetString()!;
            return value.StartsWith('#') ? null : value;
        }

        return null;
    }
}
