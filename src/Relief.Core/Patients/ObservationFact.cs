using NodaTime;

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

    /// <summary>Observation.interpretation codes (POS, NEG, H, L…), when the result carries any.</summary>
    public CodedText? Interpretation { get; init; }

    /// <summary>Final, amended or corrected (and preliminary) results count; cancelled and entered-in-error do not.</summary>
    public bool IsUsable => Status is not ("cancelled" or "entered-in-error");
}
