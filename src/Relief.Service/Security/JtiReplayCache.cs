using System.Collections.Concurrent;

namespace Relief.Service.Security;

/// <summary>
/// Token ids (<c>iss</c> + <c>jti</c>) seen within their lifetime: a second use is a replay. Entries leave
/// when their token expires. Bounded: when full of unexpired ids it refuses new tokens (fails closed)
/// rather than forgetting ids an attacker could then replay.
/// </summary>
public sealed class JtiReplayCache(TimeProvider time)
{
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private int _sinceSweep;

    /// <summary>True if the id is new (and is now remembered until <paramref name="expires"/>); false for a replay or when full.</summary>
    public bool TryUse(string issuer, string jti, DateTimeOffset expires)
    {
        if (Interlocked.Increment(ref _sinceSweep) >= 1024 || _seen.Count >= Capacity)
        {
            Interlocked.Exchange(ref _sinceSweep, 0);
            Sweep();
        }

        if (_seen.Count >= Capacity)
        {
            return false;
        }

        return _seen.TryAdd($"{issuer}\n{jti}", expires);
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, expires) in _seen)
        {
            if (expires < now)
            {
                _seen.TryRemove(key, out _);
            }
        }
    }
}
