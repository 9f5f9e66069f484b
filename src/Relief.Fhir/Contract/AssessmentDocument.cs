using System.Collections.Immutable;
using Relief.Core.Assessment;

namespace Relief.Fhir.Contract;

/// <summary>
/// The one JSON contract for an assessment (docs/assessment.schema.json): what the CLI's --format json
/// prints, one document per input file, and what the REST API returns. Either <see cref="Assessment"/>
/// or <see cref="Error"/> is set.
/// </summary>
public sealed record AssessmentDocument
{
    public const string CurrentSchema = "relief-assessment/3";

    public string Schema { get; init; } = CurrentSchema;

    public string? File { get; init; }

    public string Disclaimer { get; init; } = PatientAssessment.Disclaimer;

    public PatientAssessment? Assessment { get; init; }

    public ImmutableArray<InputIssue> Warnings { get; init; } = [];

    /// <summary>Resources present in the input that Relief does not read (Claim, Encounter...), by type.</summary>
    public ImmutableSortedDictionary<string, int> IgnoredResources { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    public InputError? Error { get; init; }
}

/// <summary>A defect in the input that Relief read past (e.g. an object where FHIR wants an array).</summary>
public sealed record InputIssue(string Location, string Message);

/// <summary>Why an input could not be assessed: a stable kind for programs and a one-line message for people.</summary>
public sealed record InputError(string Kind, string Message);
