using Hl7.Fhir.Model;
using Relief.Core.Assessment.Findings;
using Relief.Service.Fhir;

namespace Relief.Service.CdsHooks.Cards;

/// <summary>
/// The MedicationRequest an "order this medicine" suggestion creates (naloxone for overdose risk): a draft proposal of
/// the medicine by its RxNorm code for the patient, with no dose, which the prescriber completes. Built with Firely.
/// </summary>
public static class MedicationRequests
{
    public static RawJson Build(OrderProposal proposal, string patientId, string userId, string? encounterId, string reason)
    {
        var request = new MedicationRequest
        {
            Status = MedicationRequest.MedicationrequestStatus.Draft,
            Intent = MedicationRequest.MedicationRequestIntent.Proposal,
            Medication = new CodeableConcept(proposal.Code.System, proposal.Code.Value, proposal.Display, proposal.Display),
            Subject = new ResourceReference($"Patient/{patientId}"),
            ReasonCode = [new CodeableConcept { Text = reason }],
            Note = [new Annotation { Text = new Markdown("Suggested by Relief (decision support, not a prescription): choose the product and dose.") }],
        };
        if (userId.StartsWith("Practitioner/", StringComparison.Ordinal) || userId.StartsWith("PractitionerRole/", StringComparison.Ordinal))
        {
            request.Requester = new ResourceReference(userId);
        }

        if (encounterId is not null)
        {
            request.Encounter = new ResourceReference(encounterId.Contains('/', StringComparison.Ordinal) ? encounterId : $"Encounter/{encounterId}");
        }

        return new RawJson(FirelyJson.Serialize(request));
    }
}
