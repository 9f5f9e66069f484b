namespace Relief.Service.Tests.Support;

/// <summary>The samples' "today" (samples/README.md: 2026-11-21), so ages, durations and overdue tests are what the vignettes were written for.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset SamplesToday = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
