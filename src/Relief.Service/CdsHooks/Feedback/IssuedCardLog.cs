using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Relief.Store.Feedback;

namespace Relief.Service.CdsHooks.Feedback;

/// <summary>
/// Remembers each card uuid the service has answered with, and its type, so feedback (which names only the
/// uuid) can be counted per card type. Off the hot path: cards are queued and written in batches by
/// <see cref="IssuedCardWriter"/>; a uuid already written is not queued again. If the queue is full (the
/// store is down), cards are dropped from the log, never delayed: the answer to the EHR comes first.
/// </summary>
public sealed class IssuedCardLog
{
    private const int KnownLimit = 200_000;

    private readonly Channel<(string ServiceId, Card Card)> _queue =
        Channel.CreateBounded<(string, Card)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    internal ChannelReader<(string ServiceId, Card Card)> Reader => _queue.Reader;

    public void Record(string serviceId, IReadOnlyList<Card> cards)
    {
        foreach (var card in cards)
        {
            if (!_known.ContainsKey(card.Uuid))
            {
                _queue.Writer.TryWrite((serviceId, card));
            }
        }
    }

    internal void MarkWritten(string uuid)
    {
        if (_known.Count >= KnownLimit)
        {
            _known.Clear();
        }

        _known.TryAdd(uuid, 0);
    }

    internal void Complete() => _queue.Writer.TryComplete();
}

/// <summary>Writes queued cards to <c>cds_issued_cards</c>, one row per uuid.</summary>
internal sealed class IssuedCardWriter(IssuedCardLog log, FeedbackStore store, TimeProvider time, ILogger<IssuedCardWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new Dictionary<string, IssuedCard>(StringComparer.Ordinal);
        try
        {
            while (await log.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < 500 && log.Reader.TryRead(out var item))
                {
                    batch.TryAdd(item.Card.Uuid, new IssuedCard
                    {
                        Uuid = item.Card.Uuid,
                        ServiceId = item.ServiceId,
                        CardType = item.Card.Source.Topic?.Code ?? "(none)",
                        Indicator = item.Card.Indicator,
                        FirstIssuedAt = time.GetUtcNow(),
                    });
                }

                await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(Dictionary<string, IssuedCard> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var context = store.CreateContext();
            var uuids = batch.Keys.ToList();
            var existing = await context.IssuedCards.Where(c => uuids.Contains(c.Uuid)).Select(c => c.Uuid).ToListAsync(cancellationToken);
            foreach (var uuid in existing)
            {
                batch.Remove(uuid);
                log.MarkWritten(uuid);
            }

            context.IssuedCards.AddRange(batch.Values);
            await context.SaveChangesAsync(cancellationToken);
            foreach (var uuid in batch.Keys)
            {
                log.MarkWritten(uuid);
            }
        }
        catch (DbUpdateException e)
        {
            logger.LogWarning("Issued cards not recorded ({ExceptionType}); their feedback will count as unknown cards", e.GetType().Name);
        }
    }
}
