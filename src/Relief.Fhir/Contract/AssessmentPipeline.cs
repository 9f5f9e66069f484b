using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Knowledge;
using Relief.Fhir.Reading;

namespace Relief.Fhir.Contract;

/// <summary>
/// Read → assess → document, in one place for every front end (the CLI, the CDS Hooks service, bulk
/// screening, the store): a rejected input becomes a document with an error, never an exception, and the
/// reader's warnings and ignored resources travel with the assessment.
/// </summary>
public sealed class AssessmentPipeline(Assessor assessor)
{
    public Assessor Assessor { get; } = assessor ?? throw new ArgumentNullException(nameof(assessor));

    /// <summary>Reads one bundle file and assesses it.</summary>
    public AssessmentDocument AssessFile(string file, LocalDate asOf, FhirReadOptions? options = null) =>
        Document(FhirBundleReader.ReadFile(file, options), asOf, file);

    /// <summary>Reads one bundle from UTF-8 JSON (a request body, a bulk line) and assesses it.</summary>
    public AssessmentDocument AssessJson(ReadOnlyMemory<byte> utf8, LocalDate asOf, string? name = null, FhirReadOptions? options = null) =>
        Document(FhirBundleReader.Read(utf8, options), asOf, name);

    /// <summary>Assesses what a reader produced (a bundle, a CDS Hooks prefetch, a patient's bulk resources).</summary>
    public AssessmentDocument Document(FhirReadResult read, LocalDate asOf, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Error is { } error)
        {
            return new AssessmentDocument { File = file, Error = new InputError(WireName.Of(error.Kind), error.Message) };
        }

        return new AssessmentDocument
        {
            File = file,
            Assessment = Assessor.Assess(read.Record!, asOf),
            Warnings = [.. read.Warnings.Select(w => new InputIssue(w.Path.Length > 0 ? $"{w.Location}.{w.Path}" : w.Location, w.Message))],
            IgnoredResources = read.IgnoredResources,
        };
    }
}
