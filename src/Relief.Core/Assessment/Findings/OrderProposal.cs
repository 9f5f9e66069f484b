using Relief.Core.Codes;

namespace Relief.Core.Assessment.Findings;

/// <summary>
/// An order that would act on a finding, in machine-readable form: the FHIR resource type to create and
/// the code to order (a lab test by LOINC for a missing baseline; a medicine by RxNorm). Front ends turn it
/// into something a clinician can accept (a CDS Hooks suggestion, a worklist button); the clinician decides.
/// </summary>
public sealed record OrderProposal(string ResourceType, Code Code, string Display);
