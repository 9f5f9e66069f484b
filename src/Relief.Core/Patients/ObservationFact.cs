using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Codes;

namespace Relief.Core.Patients;

/// <summary>An Observation with a numeric, coded or text value; components flattened by the reader.</summary>
public sealed record ObservationFact
{
    public required string ResourceId { get; init; }

    public required CodedText Concept { get; init; }

    public required string Status { get; init; }

    public required LocalDate? Effective { get; init; }

    public required decimal? Value { get; init; }

    public required string? Unit { get; init; }

    public required string? UnitCode { get; init; }

    public required CodedText? ValueConcept { get; init; }

    public required string? ValueText { get; init; }

    public decimal? ReferenceLow { get; init; }

    public decimal? ReferenceHigh { get; init; }

    /// <summary>Interpretation codes the result carries (HL7 v3 ObservationInterpretation: L, N, H...).</summary>
    public ImmutableArray<Code> Interpretation { get; init; } = [];

    /// <summary>Final, amended or corrected (and preliminary) results count; cancelled and entered-in-error do not.</summary>
    public bool IsUsable => Status is not ("cancelled" or "entered-in-error");
}
