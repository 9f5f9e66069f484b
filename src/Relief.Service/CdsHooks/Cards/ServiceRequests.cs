using Hl7.Fhir.Model;
using Relief.Core.Assessment.Findings;
using Relief.Service.Fhir;

namespace Relief.Service.CdsHooks.Cards;

/// <summary>
/// The ServiceRequest a "order the missing test" suggestion creates: a draft order of the test by its LOINC
/// for the patient, requested by the user who fired the hook when that user is a Practitioner. Built and
/// serialised with Firely; the clinician accepts or not.
/// </summary>
public static class ServiceRequests
{
    public static RawJson Build(OrderProposal proposal, string patientId, string userId, string? encounterId, string reason)
    {
        var request = new ServiceRequest
        {
            Status = RequestStatus.Draft,
            Intent = RequestIntent.Order,
            Code = new CodeableConcept(proposal.Code.System, proposal.Code.Value, proposal.Display, proposal.Display),
            Subject = new ResourceReference($"Patient/{patientId}"),
            ReasonCode = [new CodeableConcept { Text = reason }],
            Note = [new Annotation { Text = new Markdown("Suggested by Relief (decision support, not a prescription).") }],
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
