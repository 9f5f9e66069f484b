using System.Collections.Concurrent;
using System.Net;

namespace Relief.Web.SignIn;

/// <summary>
/// Slows password guessing, in memory (it resets on restart). Per name: after <see cref="MaxFailures"/> wrong
/// passwords for one name within <see cref="Window"/>, that name cannot sign in until the window has passed (the
/// same for names that do not exist, so the answer reveals nothing). Per client address: after
/// <see cref="MaxFailuresPerAddress"/> failed sign-ins from one address within the window, whatever the names,
/// that address cannot sign in until the window has passed, so one machine cannot try a few passwords on many
/// names. A success clears its name's count, never its address's (a guesser with one account of their own
/// could otherwise keep resetting it). Bounded: expired entries are swept when a table grows.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, int maxFailuresPerAddress = SignInThrottle.DefaultMaxFailuresPerAddress)
{
    public const int MaxFailures = 5;
    public const int DefaultMaxFailuresPerAddress = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> _names = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> _addresses = new(StringComparer.Ordinal);

    public int MaxFailuresPerAddress { get; } = maxFailuresPerAddress >= 1
        ? maxFailuresPerAddress
        : throw new ArgumentOutOfRangeException(nameof(maxFailuresPerAddress), "at least one failed sign-in per address is allowed");

    /// <summary>Whether this name, or this client address (when known), may not sign in now.</summary>
    public bool IsLocked(string? name, IPAddress? address) =>
        (name is { Length: > 0 } && Locked(_names, name, MaxFailures)) || (Key(address) is { } key && Locked(_addresses, key, MaxFailuresPerAddress));

    /// <summary>A failed sign-in: counted for its name (when one was typed) and for its client address (when known).</summary>
    public void Failed(string? name, IPAddress? address)
    {
        if (name is { Length: > 0 })
        {
            Count(_names, name);
        }

        if (Key(address) is { } key)
        {
            Count(_addresses, key);
        }
    }

    public void Succeeded(string name) => _names.TryRemove(name, out _);

    // An IPv4 client reached over a dual-stack socket is the same client as over IPv4.
    private static string? Key(IPAddress? address) => address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private bool Locked(ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> table, string key, int max) =>
        table.TryGetValue(key, out var entry) && entry.Failures >= max && time.GetUtcNow() - entry.Since < Window;

    private void Count(ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> table, string key)
    {
        var now = time.GetUtcNow();
        if (table.Count > SweepAbove)
        {
            foreach (var (old, value) in table)
            {
                if (now - value.Since >= Window)
                {
                    table.TryRemove(old, out _);
                }
            }
        }

        table.AddOrUpdate(key, (1, now), (_, old) => now - old.Since >= Window ? (1, now) : (old.Failures + 1, old.Since));
    }
}
