using System.Net;
using Relief.Web.SignIn;

namespace Relief.Web.Tests;

/// <summary>The sign-in throttle's two counts, per name and per client address, on a clock the test moves.</summary>
public sealed class SignInThrottleTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly IPAddress Guesser = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress Someone = IPAddress.Parse("198.51.100.7");

    [Fact]
    public void One_address_failing_on_many_names_is_refused_at_its_limit_and_another_address_is_not()
    {
        var throttle = new SignInThrottle(new Clock(), maxFailuresPerAddress: 4);
        for (var i = 0; i < 3; i++)
        {
            throttle.Failed($"name-{i}", Guesser);
        }

        Assert.False(throttle.IsLocked("anyone", Guesser));
        throttle.Failed("name-3", Guesser);

        Assert.True(throttle.IsLocked("anyone", Guesser));
        Assert.True(throttle.IsLocked(null, Guesser));
        Assert.False(throttle.IsLocked("anyone", Someone));
        // No single name reached its own limit.
        Assert.False(throttle.IsLocked("name-0", Someone));
    }

    [Fact]
    public void A_name_locked_by_wrong_passwords_stays_locked_from_another_address()
    {
        var throttle = new SignInThrottle(new Clock());
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            throttle.Failed("ann", Guesser);
        }

        Assert.True(throttle.IsLocked("ann", Someone));
        Assert.False(throttle.IsLocked("bo", Someone));
    }

    [Fact]
    public void A_success_clears_its_name_but_not_its_address()
    {
        var throttle = new SignInThrottle(new Clock(), maxFailuresPerAddress: 3);
        throttle.Failed("ann", Guesser);
        throttle.Failed("ann", Guesser);

        throttle.Succeeded("ann");
        throttle.Failed("bo", Guesser);

        Assert.True(throttle.IsLocked("ann", Guesser));
        Assert.False(throttle.IsLocked("ann", Someone));
    }

    [Fact]
    public void The_address_is_free_again_when_the_window_has_passed()
    {
        var clock = new Clock();
        var throttle = new SignInThrottle(clock, maxFailuresPerAddress: 2);
        throttle.Failed("a", Guesser);
        throttle.Failed("b", Guesser);

        clock.Now += SignInThrottle.Window - TimeSpan.FromSeconds(1);
        Assert.True(throttle.IsLocked("c", Guesser));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.False(throttle.IsLocked("c", Guesser));
        // A failure after the window starts a new count.
        throttle.Failed("c", Guesser);
        Assert.False(throttle.IsLocked("c", Guesser));
    }

    [Fact]
    public void An_IPv4_client_over_a_dual_stack_socket_is_the_same_address()
    {
        var throttle = new SignInThrottle(new Clock(), maxFailuresPerAddress: 2);
        throttle.Failed("a", Guesser.MapToIPv6());
        throttle.Failed("b", Guesser);

        Assert.True(throttle.IsLocked("c", Guesser));
        Assert.True(throttle.IsLocked("c", Guesser.MapToIPv6()));
    }

    [Fact]
    public void Without_a_known_address_only_the_name_is_counted()
    {
        var throttle = new SignInThrottle(new Clock(), maxFailuresPerAddress: 1);
        throttle.Failed("ann", null);

        Assert.False(throttle.IsLocked("bo", null));
        Assert.False(throttle.IsLocked("bo", Guesser));
    }

    [Fact]
    public void A_limit_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignInThrottle(new Clock(), maxFailuresPerAddress: 0));
}
