using Relief.Core.Knowledge;
using Relief.Fhir.CdsHooks;

namespace Relief.Service.CdsHooks.Cards;

/// <summary>What a card needs besides the findings: who and where (for suggestions and links) and the knowledge (for source URLs).</summary>
public sealed record CardContext(
    CdsRequest Request,
    CdsRecord Record,
    KnowledgeBase Knowledge,
    string AssessmentUrl,
    string? SmartLaunchUrl,
    int MaxInfoCards)
{
    public string PatientId => Request.Context.PatientId;
}
