using System.Collections.Concurrent;

namespace Relief.Web.SignIn;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> wrong passwords for one name within
/// <see cref="Window"/>, that name cannot sign in until the window has passed (the same for names that do not
/// exist, so the answer reveals nothing). Bounded: expired names are swept when the table grows.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> _failures = new(StringComparer.Ordinal);

    public bool IsLocked(string name) =>
        _failures.TryGetValue(name, out var entry) && entry.Failures >= MaxFailures && time.GetUtcNow() - entry.Since < Window;

    public void Failed(string name)
    {
        var now = time.GetUtcNow();
        if (_failures.Count > SweepAbove)
        {
            foreach (var (key, value) in _failures)
            {
                if (now - value.Since >= Window)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }

        _failures.AddOrUpdate(name, (1, now), (_, old) => now - old.Since >= Window ? (1, now) : (old.Failures + 1, old.Since));
    }

    public void Succeeded(string name) => _failures.TryRemove(name, out _);
}
