using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Codes;

namespace Relief.Core.Patients;

/// <summary>An Observation with a numeric, coded or text value; components flattened by the reader.</summary>
public sealed record ObservationFact(
    string ResourceId,
    CodedText Concept,
    string Status,
    LocalDate? Effective,
    decimal? Value,
    string? Unit,
    string? UnitCode,
    CodedText? ValueConcept,
    string? ValueText)
{
    public decimal? ReferenceLow { get; init; }

    public decimal? ReferenceHigh { get; init; }

    /// <summary>Interpretation codes the result carries (HL7 v3 ObservationInterpretation: L, N, H...).</summary>
    public ImmutableArray<Code> Interpretation { get; init; } = [];

    /// <summary>Final, amended or corrected (and preliminary) results count; cancelled and entered-in-error do not.</summary>
    public bool IsUsable => Status is not ("cancelled" or "entered-in-error");
}
