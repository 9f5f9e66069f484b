namespace Relief.Service.CdsHooks.Cards;

/// <summary>
/// Override reasons offered on cards, from HL7's Non-Adherence Reason Codes (CDS Hooks 3.0 ballot, trial use;
/// code system and displays checked against build.fhir.org/ig/HL7/cds-hooks, CodeSystem-non-adherence-reason-codes).
/// </summary>
public static class OverrideReasons
{
    public const string System = "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes";

    public static readonly CdsCoding NotApplicable = new(System, "cds-not-applicable", "PC CDS does not apply to patient");
    public static readonly CdsCoding ActionCompleted = new(System, "action-completed", "Recommended action was already completed");
    public static readonly CdsCoding DisagreesEvidence = new(System, "recipient-disagrees-evidence", "Recipient disagrees with recommendation because of issues with the evidence");
    public static readonly CdsCoding ConcernsOutcomes = new(System, "recipient-concerns-outcomes", "Recipient has concerns regarding potential health outcomes");
    public static readonly CdsCoding Preferences = new(System, "does-not-align-preferences", "Recommendation does not align with patient preferences or values");

    /// <summary>For a safety card (avoid, interaction, dose): the benefit is judged to outweigh the risk, or it does not apply.</summary>
    public static readonly IReadOnlyList<CdsCoding> Safety = [NotApplicable, DisagreesEvidence, Preferences];

    /// <summary>For a monitoring card: the test was done elsewhere, does not apply, or the patient declines.</summary>
    public static readonly IReadOnlyList<CdsCoding> Monitoring = [ActionCompleted, NotApplicable, Preferences];

    /// <summary>For evidence, response and taper cards.</summary>
    public static readonly IReadOnlyList<CdsCoding> Review = [NotApplicable, DisagreesEvidence, ConcernsOutcomes, Preferences];
}
