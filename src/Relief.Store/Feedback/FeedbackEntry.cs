namespace Relief.Store.Feedback;

/// <summary>
/// One CDS Hooks feedback item as the EHR sent it: which card (by uuid), accepted (with the suggestions taken)
/// or overridden (with a coded reason and/or the user's comment), and when.
/// </summary>
public sealed class FeedbackEntry
{
    public long Id { get; set; }

    public required string ServiceId { get; set; }

    public required string CardUuid { get; set; }

    /// <summary><c>accepted</c> or <c>overridden</c>.</summary>
    public required string Outcome { get; set; }

    /// <summary>Accepted suggestion uuids, space-separated.</summary>
    public string? AcceptedSuggestions { get; set; }

    public string? ReasonSystem { get; set; }

    public string? ReasonCode { get; set; }

    public string? ReasonDisplay { get; set; }

    public string? UserComment { get; set; }

    /// <summary>outcomeTimestamp, UTC.</summary>
    public DateTimeOffset OutcomeAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>
/// A card the service has answered with, by uuid, and its type (the rule behind it): feedback names only the
/// card's uuid, so this is how override rates are counted per card type. One row per uuid.
/// </summary>
public sealed class IssuedCard
{
    public required string Uuid { get; set; }

    public required string ServiceId { get; set; }

    /// <summary>The card type: the knowledge rule (or evidence/taper key) in the card's source.topic.code.</summary>
    public required string CardType { get; set; }

    public required string Indicator { get; set; }

    public DateTimeOffset FirstIssuedAt { get; set; }
}
