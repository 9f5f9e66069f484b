namespace Relief.Fhir.CdsHooks;

/// <summary>An order in <c>context.draftOrders</c> and what signing it would do.</summary>
/// <param name="Selected">For order-select, whether the user selected it; for order-sign every draft is being signed.</param>
public sealed record DraftOrder(string ResourceType, string Id, DraftOrderIntent Intent, bool Selected, string Display)
{
    public string Reference => $"{ResourceType}/{Id}";
}

public enum DraftOrderIntent
{
    /// <summary>A medication to start (or continue under a new order): read as a proposed medication.</summary>
    Start,

    /// <summary>A medication order being stopped, cancelled or completed: the patient takes it until then, and gets taper guidance.</summary>
    Stop,

    /// <summary>Any other order (a ServiceRequest, a vaccine given as Immunization…): in the record as it is, with no intent of its own.</summary>
    Other,
}
