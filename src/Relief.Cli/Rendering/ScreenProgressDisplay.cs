using System.Globalization;
using Relief.Bulk.Screening;
using Spectre.Console;

namespace Relief.Cli.Rendering;

/// <summary>
/// Shows a screen's progress on standard error while it runs: a Spectre progress bar with MB/s, patients/s and
/// the time left when standard error is a terminal; a plain line every few seconds otherwise (logs, CI, a cluster
/// task), so standard output stays free for <c>--stdout</c>.
/// </summary>
public static class ScreenProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    public static ScreenResult Show(string mode, ScreenProgress progress, TextWriter error, Func<ScreenResult> run)
    {
        var bar = mode == "bar" || (mode == "auto" && !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error));
        if (mode == "none")
        {
            return run();
        }

        var work = Task.Run(run);
        if (bar)
        {
            Bar(progress, work);
        }
        else
        {
            Plain(progress, work, error);
        }

        return work.GetAwaiter().GetResult();
    }

    private static void Bar(ScreenProgress progress, Task work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var started = DateTime.UtcNow;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var reading = context.AddTask("reading", maxValue: 1);
                var assessing = context.AddTask("assessing", autoStart: false, maxValue: 1);
                while (!work.IsCompleted)
                {
                    var elapsed = Math.Max((DateTime.UtcNow - started).TotalSeconds, 1e-3);
                    if (progress.Phase == ScreenPhase.Reading)
                    {
                        reading.MaxValue = progress.StoredBytesTotal ?? Math.Max(1, progress.StoredBytesRead);
                        reading.Value = progress.StoredBytesRead;
                        reading.Description = string.Create(CultureInfo.InvariantCulture, $"reading  {progress.LineBytes / 1e6:N0} MB, {progress.LineBytes / 1e6 / elapsed:N1} MB/s");
                    }

                    if (progress.Phase >= ScreenPhase.Assessing)
                    {
                        if (!assessing.IsStarted)
                        {
                            reading.Value = reading.MaxValue;
                            assessing.StartTask();
                        }

                        assessing.MaxValue = Math.Max(1, progress.SpillBytesTotal);
                        assessing.Value = progress.SpillBytesDone;
                        var since = Math.Max((DateTime.UtcNow - assessing.StartTime!.Value).TotalSeconds, 1e-3);
                        assessing.Description = string.Create(CultureInfo.InvariantCulture, $"assessing {progress.PatientsDone:N0} patients, {progress.PatientsDone / since:N0}/s, part {progress.PartsDone}/{progress.PartsTotal}");
                    }

                    context.Refresh();
                    work.Wait(TimeSpan.FromMilliseconds(200));
                }

                reading.Value = reading.MaxValue;
                assessing.Value = assessing.MaxValue;
            });
    }

    private static void Plain(ScreenProgress progress, Task work, TextWriter error)
    {
        var started = DateTime.UtcNow;
        DateTime? assessingSince = null;
        while (!work.Wait(PlainInterval))
        {
            var elapsed = Math.Max((DateTime.UtcNow - started).TotalSeconds, 1e-3);
            if (progress.Phase == ScreenPhase.Reading)
            {
                var rate = progress.StoredBytesRead / 1e6 / elapsed;
                var eta = progress.StoredBytesTotal is { } total && rate > 0 ? $", about {Duration((total - progress.StoredBytesRead) / 1e6 / rate)} left" : "";
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"relief screen: reading {progress.LineBytes / 1e6:N0} MB, {progress.LineBytes / 1e6 / elapsed:N1} MB/s{eta}"));
            }
            else if (progress.Phase == ScreenPhase.Assessing)
            {
                assessingSince ??= DateTime.UtcNow;
                var since = Math.Max((DateTime.UtcNow - assessingSince.Value).TotalSeconds, 1e-3);
                var done = progress.SpillBytesDone;
                var eta = done > 0 ? $", about {Duration((progress.SpillBytesTotal - done) * since / done)} left" : "";
                error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"relief screen: assessing part {progress.PartsDone}/{progress.PartsTotal}, {progress.PatientsDone:N0} patients, {progress.PatientsDone / since:N0} patients/s{eta}"));
            }
            else
            {
                error.WriteLine("relief screen: writing the output");
            }
        }
    }

    private static string Duration(double seconds) =>
        seconds < 90 ? $"{seconds:N0} s".Replace(",", "", StringComparison.Ordinal) : $"{seconds / 60:N0} min";
}
