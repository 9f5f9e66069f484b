using Relief.Store.Application;

namespace Relief.Service.Hosting;

/// <summary>
/// Re-derives every patient's monitoring tasks once a day at a set UTC time (Relief:TasksRederiveAt, default
/// 02:00), so that a test falling due with the date alone shows as due or overdue the next morning. Time comes
/// from <see cref="TimeProvider"/> (tests drive it with a fake one); a failed run is logged and the next day's
/// still runs.
/// </summary>
public sealed class TaskRederivationService(FollowUpStore store, TimeProvider time, TimeOnly at, ILogger<TaskRederivationService> log) : BackgroundService
{
    // Checks the clock once a minute. Armed in StartAsync, its ticks are anchored then: a wait computed from a clock
    // read that the clock has since overtaken (the gap between reading "now" and arming a one-shot delay) would
    // over-sleep and lose a run; a tick cannot (the re-derivation test lost the 02:00 run that way under load).
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);
    private int _runs;
    private DateTimeOffset _firstDue;
    private PeriodicTimer? _ticks;

    /// <summary>How many runs finished (for tests and diagnostics).</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>The first run's instant, fixed when the service starts (for tests and diagnostics).</summary>
    public DateTimeOffset FirstRunAt => _firstDue;

    /// <summary>The time until the next run: today's time if still ahead, else tomorrow's.</summary>
    public static TimeSpan UntilNext(DateTimeOffset now, TimeOnly at)
    {
        var utc = now.UtcDateTime;
        var next = DateOnly.FromDateTime(utc).ToDateTime(at, DateTimeKind.Utc);
        if (next <= utc)
        {
            next = next.AddDays(1);
        }

        return next - utc;
    }

    /// <summary>
    /// Fixes the first run's instant when the service starts: since .NET 10 <see cref="BackgroundService"/> begins
    /// <see cref="ExecuteAsync"/> on the thread pool, possibly later, and reading "now" there could skip a run due meanwhile.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _firstDue = now + UntilNext(now, at);
        _ticks = new PeriodicTimer(Tick, time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _ticks?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The schedule is kept as the next due instant, not re-derived from "now" after each run: a run that ends
        // when the clock has already reached the next due time (a long run, or a test's clock) does not skip a day.
        var due = _firstDue;
        var ticks = _ticks!;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (time.GetUtcNow() < due)
                {
                    if (!await ticks.WaitForNextTickAsync(stoppingToken))
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // A background schedule must never take the service down with it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                log.LogError("Monitoring task re-derivation stopped: the clock failed ({Error})", e.GetType().Name);
                return;
            }

            try
            {
                var report = await store.RederiveAllTasksAsync(stoppingToken);
                log.LogInformation("Monitoring tasks re-derived for {Patients} patient(s), {Failed} skipped", report.Patients, report.Failed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // No patient data in the log: the failure's type and message only.
                log.LogError("Monitoring task re-derivation failed: {Error}", e.GetType().Name);
            }

            Interlocked.Increment(ref _runs);
            due = due.AddDays(1);
            var now = time.GetUtcNow();
            if (due < now)
            {
                // Missed days (the machine was asleep): the next run is at the set time, not one per missed day.
                due = now + UntilNext(now, at);
            }
        }
    }
}
