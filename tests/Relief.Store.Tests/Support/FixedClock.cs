using NodaTime;

namespace Relief.Store.Tests.Support;

/// <summary>A clock the test sets: the store's "now" (future-date checks, task due dates) is pinned.</summary>
public sealed class FixedClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;

    public static FixedClock At(int year, int month, int day, int hour = 12) => new(Instant.FromUtc(year, month, day, hour, 0));
}
