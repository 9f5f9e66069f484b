using Relief.Core.Codes;

namespace Relief.Core.Assessment.Findings;

/// <summary>
/// A concrete action a finding proposes, as data a front end can turn into an order (a CDS Hooks suggestion, a
/// worklist task): the FHIR resource type to create and its code, e.g. a MedicationRequest for naloxone
/// (RxNorm 7242) or a ServiceRequest for a urine drug screen (SNOMED CT 310627008).
/// </summary>
public sealed record Proposal(string ResourceType, Code Code, string Display)
{
    /// <summary>The source (sources.yaml id) the code was taken from.</summary>
    public string? SourceId { get; init; }
}
