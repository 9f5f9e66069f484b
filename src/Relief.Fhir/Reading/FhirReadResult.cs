using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Relief.Core.Patients;

namespace Relief.Fhir.Reading;

/// <summary>
/// The outcome of reading FHIR: a patient record with the defects tolerated on the way, or the reason
/// there is none. Errors are values here so a CLI, a CDS Hooks endpoint or a bulk job can each answer
/// in its own way (an exit code, a 400, a skipped row) without catching anything.
/// </summary>
public sealed class FhirReadResult
{
    private FhirReadResult(
        PatientRecord? record,
        FhirReadError? error,
        ImmutableArray<FhirReadWarning> warnings,
        ImmutableSortedDictionary<string, int> ignoredResources)
    {
        Record = record;
        Error = error;
        Warnings = warnings;
        IgnoredResources = ignoredResources;
    }

    public PatientRecord? Record { get; }

    public FhirReadError? Error { get; }

    [MemberNotNullWhen(true, nameof(Record))]
    public bool Succeeded => Record is not null;

    [MemberNotNullWhen(true, nameof(Error))]
    public bool Failed => Error is not null;

    /// <summary>Defects read past, in the order the reader met them (entries, then resources). Empty on failure.</summary>
    public ImmutableArray<FhirReadWarning> Warnings { get; }

    /// <summary>Resources the reader does not use (Claim, Encounter...), counted by type.</summary>
    public ImmutableSortedDictionary<string, int> IgnoredResources { get; }

    internal static FhirReadResult Success(
        PatientRecord record,
        ImmutableArray<FhirReadWarning> warnings,
        ImmutableSortedDictionary<string, int> ignoredResources) =>
        new(record, null, warnings, ignoredResources);

    internal static FhirReadResult Failure(FhirReadErrorKind kind, string message) =>
        new(null, new FhirReadError(kind, message), [], ImmutableSortedDictionary<string, int>.Empty);

    public override string ToString() =>
        Succeeded ? $"Patient/{Record.Id} ({Warnings.Length} warnings)" : Error!.Message;
}
