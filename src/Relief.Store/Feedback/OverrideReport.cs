using Microsoft.EntityFrameworkCore;

namespace Relief.Store.Feedback;

/// <summary>Override rates per card type and reason: the measure of alert fatigue (cards that are always overridden can be retired).</summary>
public sealed record OverrideReport(IReadOnlyList<CardTypeRate> CardTypes)
{
    public const string UnknownCardType = "(card not issued by this store)";
    public const string CommentOnly = "(comment only)";
    public const string NoReason = "(no reason given)";

    public static async Task<OverrideReport> BuildAsync(FeedbackDbContext context, CancellationToken cancellationToken = default)
    {
        var feedback = await context.Feedback.AsNoTracking()
            .Select(f => new { f.CardUuid, f.Outcome, f.ReasonCode, f.ReasonDisplay, f.UserComment })
            .ToListAsync(cancellationToken);
        var types = await context.IssuedCards.AsNoTracking().ToDictionaryAsync(c => c.Uuid, c => c.CardType, cancellationToken);
        var rows = feedback
            .GroupBy(f => types.TryGetValue(f.CardUuid, out var type) ? type : UnknownCardType)
            .Select(group =>
            {
                var accepted = group.Count(f => f.Outcome == "accepted");
                var overridden = group.Where(f => f.Outcome == "overridden").ToList();
                var reasons = overridden
                    .GroupBy(f => f.ReasonCode is { } code ? $"{code} ({f.ReasonDisplay})" : f.UserComment is not null ? CommentOnly : NoReason)
                    .Select(r => new ReasonCount(r.Key, r.Count()))
                    .OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal)
                    .ToList();
                return new CardTypeRate(group.Key, accepted, overridden.Count, reasons);
            })
            .OrderByDescending(r => r.OverrideRate).ThenByDescending(r => r.Overridden).ThenBy(r => r.CardType, StringComparer.Ordinal)
            .ToList();
        return new OverrideReport(rows);
    }
}

public sealed record CardTypeRate(string CardType, int Accepted, int Overridden, IReadOnlyList<ReasonCount> Reasons)
{
    public int Total => Accepted + Overridden;

    public double OverrideRate => Total == 0 ? 0 : (double)Overridden / Total;
}

public sealed record ReasonCount(string Reason, int Count);
